using System.Text;
using MeetingLinks.Operations.Page;

namespace MeetingLinks.Tests.OpsPage;

/// <summary>The page's scripts as the app embeds them, read without a host.</summary>
public sealed class OpsPageScriptTests
{
    /// <summary>The page's script modules; app.js is the one the page loads, and it imports the rest.</summary>
    internal static readonly string[] Modules = ["api.js", "app.js", "charts.js", "clipboard.js", "dom.js", "glance.js", "render.js", "vocabulary.js"];

    [Fact]
    public void No_script_parses_data_as_html()
    {
        var scripts = OpsPageAssets.Names.Where(n => n.EndsWith(".js", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Modules, scripts);

        foreach (var name in scripts)
        {
            var script = Encoding.UTF8.GetString(OpsPageAssets.Find(name)!.Content.Span);
            foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "import(" })
            {
                Assert.False(script.Contains(sink, StringComparison.Ordinal), $"{name} uses {sink}");
            }
        }
    }
}
