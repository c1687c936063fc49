using MeetingLinks.HostDouble;

namespace MeetingLinks.Tests.Hosts;

/// <summary>The app's real worker pipeline, as the Functions host runs it, behind the host double.</summary>
public sealed class WorkerAppHost : AppHost
{
    private static readonly string AppDirectory = FunctionsAppLocator.FromAssemblyMetadata(typeof(WorkerAppHost).Assembly);

    private readonly FunctionsHostDouble _host;

    private WorkerAppHost(FunctionsHostDouble host, string tableName, OutboundCalls outbound)
        : base(HostKind.Worker, tableName, host.BaseAddress, outbound)
    {
        _host = host;
    }

    public override string LogText => string.Join('\n', _host.Log.Lines);

    public static async Task<WorkerAppHost> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<string> log)
    {
        var outbound = await OutboundCalls.WithRefusingProxyAsync();
        var options = new FunctionsHostDoubleOptions { AppDirectory = AppDirectory, Log = log };
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            options.Settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        foreach (var (name, value) in outbound.ProxyEnvironment)
        {
            options.Settings[name] = value;
        }

        try
        {
            return new WorkerAppHost(await FunctionsHostDouble.StartAsync(options), settings["Tables:TableName"]!, outbound);
        }
        catch
        {
            await outbound.DisposeAsync();
            throw;
        }
    }

    public override async Task<bool> RunTimerAsync(string functionName) => (await _host.InvokeTimerAsync(functionName)).Succeeded;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _host.DisposeAsync();
    }
}
