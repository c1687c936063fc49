using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.DevHost.Storage;

/// <summary>The executable that runs one Azurite binary (<c>azurite-table</c>, <c>azurite-queue</c>), plus the arguments that go before Azurite's own.</summary>
internal sealed record AzuriteCommand(string FileName, IReadOnlyList<string> LeadingArguments)
{
    // Run inside `npx --package azurite@x`, which puts the package's .bin folder first on PATH: prints
    // "node<TAB>path of node", then "name<TAB>absolute path of the entry script" for each binary of the package.
    private const string LocateEntryScripts = """
        const path = require('path'), fs = require('fs');
        for (const dir of (process.env.PATH || '').split(path.delimiter)) {
          const manifest = path.join(dir, '..', 'azurite', 'package.json');
          if (dir && fs.existsSync(manifest)) {
            console.log('node\t' + process.execPath);
            for (const [name, script] of Object.entries(require(manifest).bin)) {
              console.log(name + '\t' + path.resolve(path.dirname(manifest), script));
            }
            process.exit(0);
          }
        }
        console.error('npx did not put an azurite package on PATH');
        process.exit(1);
        """;

    // npx costs about a second even with a warm cache; resolve once per version per process.
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> LocatedByVersion = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim ResolveGate = new(1, 1);

    /// <summary>
    /// Uses <paramref name="binary"/> found on PATH; otherwise lets npx fetch the pinned version into its cache
    /// and runs the entry script with node directly. Running node ourselves (rather than leaving npx -> sh -> node
    /// running) makes the Azurite server our direct child, so a signal sent to it is not lost on an intermediate
    /// process: npx does not pass SIGINT/SIGTERM on to node, which would otherwise be left running.
    /// </summary>
    public static async Task<AzuriteCommand> ResolveAsync(string version, string binary, ILogger logger, CancellationToken ct)
    {
        if (FindOnPath(binary) is { } installed)
        {
            return new AzuriteCommand(installed, []);
        }

        await ResolveGate.WaitAsync(ct);
        try
        {
            if (!LocatedByVersion.TryGetValue(version, out var located))
            {
                located = await LocateWithNpxAsync(version, binary, logger, ct);
                LocatedByVersion[version] = located;
            }

            return located.TryGetValue(binary, out var script)
                ? new AzuriteCommand(located["node"], [script])
                : throw new InvalidOperationException($"azurite@{version} has no {binary} binary.");
        }
        finally
        {
            ResolveGate.Release();
        }
    }

    private static string? FindOnPath(string binary)
    {
        var fileName = OperatingSystem.IsWindows() ? binary + ".cmd" : binary;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = dir.Length == 0 ? null : Path.Combine(dir, fileName);
            if (candidate is not null && File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static async Task<IReadOnlyDictionary<string, string>> LocateWithNpxAsync(
        string version, string binary, ILogger logger, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npx.cmd" : "npx")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // --yes: never prompt to install (a user .npmrc may say yes=false). `node -` reads the script from stdin,
        // which avoids quoting JavaScript through npx and cmd.exe.
        foreach (var argument in (string[])["--yes", "--package", "azurite@" + version, "--", "node", "-"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "No {Binary} on PATH; fetching azurite@{Version} through npx (the first run downloads it)", binary, version);
        }

        using var npx = StartOrExplain(startInfo, binary);
        var stdout = npx.StandardOutput.ReadToEndAsync(ct);
        var stderr = npx.StandardError.ReadToEndAsync(ct);
        try
        {
            await npx.StandardInput.WriteAsync(LocateEntryScripts.AsMemory(), ct);
            npx.StandardInput.Close();
            await npx.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            npx.Kill(entireProcessTree: true);
            throw;
        }
        catch (IOException)
        {
            // npx exited before reading its stdin; its exit code and stderr below say why.
            await npx.WaitForExitAsync(ct);
        }

        var located = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        var errors = (await stderr).Trim();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("npx exited with code {ExitCode}; stderr: {Stderr}", npx.ExitCode, errors);
        }

        if (npx.ExitCode != 0 || !located.ContainsKey("node"))
        {
            throw new InvalidOperationException(
                $"Could not get azurite@{version} through npx (exit code {npx.ExitCode}). Output:{Environment.NewLine}{errors}");
        }

        return located;
    }

    private static Process StartOrExplain(ProcessStartInfo startInfo, string binary)
    {
        try
        {
            return Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"Could not run {startInfo.FileName}: install Node.js (with npm) or put {binary} on PATH.", ex);
        }
    }
}
