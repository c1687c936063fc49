using System.Diagnostics;
using System.Globalization;

namespace MeetingLinks.DevHost.Storage;

/// <summary>The command line and environment that run one Azurite service as <see cref="AzuriteStartOptions"/> ask.</summary>
internal static class AzuriteStartInfo
{
    /// <summary>How Azurite names a service in its binaries and options: <c>azurite-queue</c>, <c>--queuePort</c>.</summary>
    public static string NameOf(AzuriteService service) => service switch
    {
        AzuriteService.Queue => "queue",
        AzuriteService.Table => "table",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    /// <summary>The npm binary that runs <paramref name="service"/> on its own.</summary>
    public static string BinaryOf(AzuriteService service) => "azurite-" + NameOf(service);

    /// <summary>
    /// Builds the start info for <paramref name="service"/> run by <paramref name="command"/> on <paramref name="port"/>,
    /// with output redirected so it can be kept and logged. Creates the <see cref="AzuriteStartOptions.Location"/>
    /// folder when one is set; the services keep their data in separate files there.
    /// </summary>
    public static ProcessStartInfo Create(AzuriteCommand command, AzuriteStartOptions options, AzuriteService service, int port)
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

        var name = NameOf(service);
        foreach (var argument in (string[])[
            $"--{name}Host", options.Host, $"--{name}Port", port.ToString(CultureInfo.InvariantCulture),
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

        // Custom accounts replace devstoreaccount1, which AzuriteProcess.ConnectionString relies on: it is always listed.
        startInfo.Environment.Remove("AZURITE_ACCOUNTS");
        if (options.ExtraAccounts.Count > 0)
        {
            startInfo.Environment["AZURITE_ACCOUNTS"] = string.Join(';',
                new[] { AzuriteProcess.DevelopmentAccount }.Concat(options.ExtraAccounts).Select(a => $"{a}:{AzuriteProcess.KeyOf(a)}"));
        }
        return startInfo;
    }
}
