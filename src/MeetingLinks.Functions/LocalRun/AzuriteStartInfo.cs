using System.Diagnostics;
using System.Globalization;

namespace MeetingLinks.LocalRun;

/// <summary>The command line and environment that run the Azurite Table service as <see cref="AzuriteStartOptions"/> ask.</summary>
internal static class AzuriteStartInfo
{
    /// <summary>
    /// Builds the start info for <paramref name="command"/> on <paramref name="port"/>, with output redirected so it
    /// can be kept and logged. Creates the <see cref="AzuriteStartOptions.Location"/> folder when one is set.
    /// </summary>
    public static ProcessStartInfo Create(AzuriteCommand command, AzuriteStartOptions options, int port)
    {
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var arguments = startInfo.ArgumentList;
        foreach (var argument in command.LeadingArguments)
        {
            arguments.Add(argument);
        }

        foreach (var argument in (string[])[
            "--tableHost", options.Host, "--tablePort", port.ToString(CultureInfo.InvariantCulture),
            "--disableTelemetry", "--skipApiVersionCheck", "--loose"])
        {
            arguments.Add(argument);
        }

        if (options.Location is null)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            var location = Path.GetFullPath(options.Location);
            Directory.CreateDirectory(location);
            arguments.Add("--location");
            arguments.Add(location);
        }

        // Custom accounts would replace devstoreaccount1, which AzuriteProcess.ConnectionString relies on.
        startInfo.Environment.Remove("AZURITE_ACCOUNTS");
        return startInfo;
    }
}
