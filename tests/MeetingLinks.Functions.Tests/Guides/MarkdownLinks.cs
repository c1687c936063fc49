using System.Text.RegularExpressions;

namespace MeetingLinks.Tests.Guides;

/// <summary>
/// The relative links of a markdown file, and whether each resolves as GitHub resolves it: the file (or folder) exists
/// relative to the markdown file, inside the repository, and a <c>#anchor</c> names a heading of the target by GitHub's slug.
/// </summary>
internal static partial class MarkdownLinks
{
    /// <summary>A link as written: in which guide (a path from the repository root), on which line, to what.</summary>
    public sealed record Link(string Guide, int Line, string Target)
    {
        public override string ToString() => $"{Guide} line {Line}: ({Target})";
    }

    /// <summary>Inline links and reference definitions outside code blocks and code spans; links with a scheme are left out.</summary>
    public static IEnumerable<Link> RelativeLinks(string guide, string markdown)
    {
        foreach (var (number, line) in Prose(markdown))
        {
            var text = CodeSpan().Replace(line, string.Empty);
            var targets = InlineLink().Matches(text).Concat(ReferenceDefinition().Matches(text)).Select(m => m.Groups["target"].Value);
            foreach (var target in targets.Where(t => !Scheme().IsMatch(t)))
            {
                yield return new Link(guide, number, target);
            }
        }
    }

    /// <summary>Why <paramref name="link"/> does not resolve under the repository at <paramref name="root"/>, or null when it does.</summary>
    public static string? Problem(string root, Link link)
    {
        var hash = link.Target.IndexOf('#', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(hash < 0 ? link.Target : link.Target[..hash]);
        var anchor = hash < 0 ? null : link.Target[(hash + 1)..];
        var from = Path.GetDirectoryName(Path.Combine(root, link.Guide))!;
        var target = Path.GetFullPath(path.Length == 0 ? Path.Combine(root, link.Guide) : Path.Combine(from, path));

        if (!target.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return "points outside the repository";
        }

        if (!File.Exists(target) && !Directory.Exists(target))
        {
            return $"no file or folder {Path.GetRelativePath(root, target)}";
        }

        if (anchor is null)
        {
            return null;
        }

        if (!target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !File.Exists(target))
        {
            return $"an anchor into {Path.GetRelativePath(root, target)}, which is not a markdown file";
        }

        return Anchors(File.ReadAllText(target)).Contains(anchor)
            ? null
            : $"no heading with the anchor #{anchor} in {Path.GetRelativePath(root, target)}";
    }

    /// <summary>The anchors GitHub gives the headings of <paramref name="markdown"/>: slugs, a repeated one numbered -1, -2….</summary>
    public static HashSet<string> Anchors(string markdown)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, line) in Prose(markdown))
        {
            if (Heading().Match(line) is not { Success: true } heading)
            {
                continue;
            }

            var slug = Slug(heading.Groups["text"].Value);
            var times = seen.GetValueOrDefault(slug);
            seen[slug] = times + 1;
            anchors.Add(times == 0 ? slug : $"{slug}-{times}");
        }

        return anchors;
    }

    /// <summary>
    /// GitHub's anchor for a heading: its text as rendered (a link's text, no code or emphasis marks), lower case, with every
    /// character but letters, digits, spaces, hyphens and underscores dropped and each space a hyphen.
    /// </summary>
    public static string Slug(string heading)
    {
        var rendered = InlineLinkWhole().Replace(heading, "${text}").Replace("`", string.Empty, StringComparison.Ordinal)
            .Replace("*", string.Empty, StringComparison.Ordinal);
        var kept = rendered.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_');
        return new string([.. kept]).Replace(' ', '-');
    }

    /// <summary>The lines outside fenced code blocks, numbered from 1.</summary>
    private static IEnumerable<(int Number, string Line)> Prose(string markdown)
    {
        var inFence = false;
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (Fence().IsMatch(lines[i]))
            {
                inFence = !inFence;
            }
            else if (!inFence)
            {
                yield return (i + 1, lines[i].TrimEnd('\r'));
            }
        }
    }

    [GeneratedRegex(@"^\s*(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"(`+).*?\1")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\((?<target>[^()\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^()\s]+\)")]
    private static partial Regex InlineLinkWhole();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*(?<target>\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}
