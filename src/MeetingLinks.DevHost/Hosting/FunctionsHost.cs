using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf.WellKnownTypes;
using MeetingLinks.DevHost.Hosting.Http;
using MeetingLinks.DevHost.Hosting.Protocol;
using MeetingLinks.DevHost.Hosting.Queues;
using MeetingLinks.DevHost.Hosting.Timers;
using MeetingLinks.DevHost.Hosting.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MeetingLinks.DevHost.Hosting;

/// <summary>
/// A small Azure Functions host around an isolated worker: starts the app's build output as the host does, speaks the
/// host's side of the gRPC protocol, serves the HTTP functions in the host's route order, runs the queue functions
/// from their storage queues (poison queue included) and the timer functions on their schedules. The app runs its
/// real worker pipeline, the same as in Azure.
/// </summary>
public sealed class FunctionsHost : IAsyncDisposable
{
    /// <summary>The timer info the host sends with a timer invocation.</summary>
    public const string TimerInfoJson = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}""";

    private const string HostVersion = "4.0.0-dev";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly FunctionsHostOptions options;
    private readonly WorkerChannel channel;
    private WebApplication? grpcServer;
    private WebApplication? frontDoorServer;
    private FrontDoor? frontDoor;
    private QueueTriggerPump? queues;
    private TimerScheduler? timers;
    private WorkerProcess? worker;

    private FunctionsHost(FunctionsHostOptions options)
    {
        this.options = options;
        Log = new HostLog(options.Log);
        channel = new WorkerChannel(Log);
    }

    /// <summary>The worker's output and log messages, and the double's own notes.</summary>
    public HostLog Log { get; }

    /// <summary>Every function the worker indexed, all loaded.</summary>
    public IReadOnlyList<LoadedFunction> Functions { get; private set; } = [];

    /// <summary>host.json's <c>extensions.http.routePrefix</c> (<c>api</c> when unset).</summary>
    public string RoutePrefix { get; private set; } = "api";

    /// <summary>The front door, where the HTTP functions answer: the first of <see cref="FunctionsHostOptions.Urls"/>, with its port.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A client for the front door: no redirects followed, no cookies, nothing decompressed.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The worker's own Kestrel, from its <c>HttpUri</c> capability.</summary>
    public Uri? WorkerHttpUri { get; private set; }

    /// <summary>
    /// Starts the worker and waits until every function is loaded. Throws with the worker's recent output if the
    /// worker exits, a load fails or <see cref="FunctionsHostOptions.StartTimeout"/> passes first.
    /// </summary>
    public static async Task<FunctionsHost> StartAsync(FunctionsHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = new FunctionsHost(options);
        try
        {
            await host.StartCoreAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public LoadedFunction Function(string name)
        => Functions.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No function '{name}'. Loaded: {string.Join(", ", Functions.Select(f => f.Name))}", nameof(name));

    /// <summary>
    /// Invokes a function that is not HTTP-triggered, as the host does once its trigger fired: <paramref name="input"/>
    /// is the trigger binding's data, <paramref name="triggerMetadata"/> what the trigger adds (for a storage queue: the
    /// message as string, bytes or JSON, with Id, DequeueCount and so on). The outcome tells a caller that plays the
    /// trigger's part what to do next, such as deleting a queue message or making it visible again.
    /// </summary>
    public Task<InvocationOutcome> InvokeAsync(
        string functionName, TypedData input, IDictionary<string, string>? triggerMetadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var function = Function(functionName);
        if (function.IsHttp)
        {
            throw new InvalidOperationException($"{function.Name} is HTTP-triggered: send its request through {nameof(Client)}.");
        }

        var metadata = (triggerMetadata ?? new Dictionary<string, string>()).Select(m => KeyValuePair.Create(m.Key, new TypedData { String = m.Value }));
        return InvokeCoreAsync(function, Guid.NewGuid().ToString(), input, metadata).WaitAsync(cancellationToken);
    }

    /// <summary>Runs a timer function now, as its schedule would.</summary>
    public Task<InvocationOutcome> InvokeTimerAsync(string functionName, CancellationToken cancellationToken = default)
    {
        var function = Function(functionName);
        if (!function.TriggerType.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{function.Name} has a {function.TriggerType}, not a timerTrigger.");
        }

        return InvokeAsync(function.Name, new TypedData { Json = TimerInfoJson }, cancellationToken: cancellationToken);
    }

    /// <summary>Stops polling queues, asks the worker to stop, kills it (and its children) if it does not, and stops both servers.</summary>
    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (timers is { } scheduler)
        {
            timers = null;
            await scheduler.DisposeAsync();
        }

        if (queues is { } pump)
        {
            queues = null;
            await pump.DisposeAsync();
        }

        if (worker is { } running)
        {
            worker = null;
            if (channel.Started.IsCompletedSuccessfully)
            {
                channel.Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(StopGrace) } });
            }

            await running.StopAsync(StopGrace);
            Log.Write("[host] worker stopped");
        }

        channel.Close("the host is stopping");
        foreach (var server in new[] { frontDoorServer, grpcServer })
        {
            if (server is not null)
            {
                await server.StopAsync();
                await server.DisposeAsync();
            }
        }

        frontDoorServer = grpcServer = null;
        frontDoor?.Dispose();
        channel.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var appDirectory = Path.GetFullPath(options.AppDirectory);
        var (executable, workerPath) = AppFiles.ReadWorkerConfig(appDirectory);
        RoutePrefix = AppFiles.ReadRoutePrefix(appDirectory);

        // The front door listens first, so that a taken port fails the start before a worker is started for nothing;
        // requests that arrive before the functions are loaded wait for them, as the host's do.
        var door = new TaskCompletionSource<FrontDoor>(TaskCreationOptions.RunContinuationsAsynchronously);
        frontDoorServer = BuildServer(options.Urls, HttpProtocols.Http1AndHttp2, _ => { });
        frontDoorServer.Run(async context => await (await door.Task.WaitAsync(context.RequestAborted)).HandleAsync(context));
        await LocalServer.StartAsync(frontDoorServer, "--urls", "http://localhost:7073", cancellationToken);
        BaseAddress = LocalServer.AddressOf(frontDoorServer);
        Client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        })
        {
            BaseAddress = BaseAddress,
        };

        grpcServer = BuildServer("http://127.0.0.1:0", HttpProtocols.Http2, services =>
        {
            services.AddGrpc(o => o.MaxReceiveMessageSize = o.MaxSendMessageSize = null);
            services.AddSingleton(channel);
        });
        grpcServer.MapGrpcService<FunctionRpcService>();
        await grpcServer.StartAsync(cancellationToken);

        worker = WorkerProcess.Start(executable, workerPath, appDirectory, LocalServer.AddressOf(grpcServer), WorkerEnvironment(appDirectory), Log);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.StartTimeout);
        await Step("the worker to open its gRPC stream", channel.Started, deadline.Token);

        var init = (await Step("WorkerInitResponse", channel.InitializeAsync(new WorkerInitRequest
        {
            HostVersion = HostVersion,
            WorkerDirectory = appDirectory,
            FunctionAppDirectory = appDirectory,
        }), deadline.Token)).WorkerInitResponse;
        EnsureSuccess(init.Result, "The worker failed to initialize");
        WorkerHttpUri = init.Capabilities.TryGetValue("HttpUri", out var httpUri) ? new Uri(httpUri) : null;

        var indexed = (await Step("FunctionMetadataResponse", channel.GetMetadataAsync(new FunctionsMetadataRequest
        {
            FunctionAppDirectory = appDirectory,
        }), deadline.Token)).FunctionMetadataResponse;
        EnsureSuccess(indexed.Result, "The worker failed to index its functions");
        if (indexed.UseDefaultMetadataIndexing)
        {
            throw Failure("The worker asks the host to index the app (use_default_metadata_indexing); this host cannot.");
        }

        // The worker names each function's id; the host echoes the metadata back to load it.
        foreach (var metadata in indexed.FunctionMetadataResults.Where(m => string.IsNullOrEmpty(m.FunctionId)))
        {
            metadata.FunctionId = Guid.NewGuid().ToString();
        }

        var loads = indexed.FunctionMetadataResults
            .Select(m => channel.LoadAsync(new FunctionLoadRequest { FunctionId = m.FunctionId, Metadata = m }));
        var loaded = await Step("every FunctionLoadResponse", Task.WhenAll(loads), deadline.Token);
        var failed = loaded.Select(l => l.FunctionLoadResponse)
            .Where(l => l.Result?.Status != StatusResult.Types.Status.Success)
            .Select(l => $"{indexed.FunctionMetadataResults.First(m => m.FunctionId == l.FunctionId).Name}: {Describe(l.Result)}")
            .ToList();
        if (failed.Count > 0)
        {
            throw Failure("Functions failed to load:" + Environment.NewLine + string.Join(Environment.NewLine, failed));
        }

        Functions = [.. indexed.FunctionMetadataResults.Select(LoadedFunction.FromMetadata)];
        if (Functions.Any(f => f.IsHttp) && WorkerHttpUri is null)
        {
            throw Failure("The app has HTTP functions but the worker sent no HttpUri capability: without the ASP.NET Core integration it needs an RpcHttp request, which this host does not build.");
        }

        if (WorkerHttpUri is not null)
        {
            // The worker announces HttpUri before its Kestrel listens; the real host retries its first forwards.
            await Step($"the worker's Kestrel to listen on {WorkerHttpUri}", ListeningAsync(WorkerHttpUri, deadline.Token), deadline.Token);
        }

        var routes = new HttpRouteTable(Functions, RoutePrefix, frontDoorServer.Services.GetRequiredService<IInlineConstraintResolver>());
        frontDoor = new FrontDoor(routes, WorkerHttpUri ?? new Uri("http://127.0.0.1/"), InvokeCoreAsync, Log);
        door.SetResult(frontDoor);
        Log.Write($"[host] {Functions.Count} functions loaded; HTTP functions on {BaseAddress}{RoutePrefix}");

        // Only now, as the host starts its listeners once every function is loaded.
        queues = QueueTriggerPump.Start(
            Functions, options.Settings, AppFiles.ReadQueueOptions(appDirectory, options.Settings), options.QueuePollInterval, InvokeCoreAsync, Log);
        if (options.RunTimers)
        {
            timers = TimerScheduler.Start(Functions, TimeProvider.System, f => InvokeCoreAsync(f, Guid.NewGuid().ToString(), new TypedData { Json = TimerInfoJson }, []), Log);
        }
    }

    private async Task<InvocationOutcome> InvokeCoreAsync(
        LoadedFunction function, string invocationId, TypedData input, IEnumerable<KeyValuePair<string, TypedData>> triggerMetadata)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            // The worker dereferences this unconditionally; a fresh W3C traceparent, as for an untraced request.
            TraceContext = new RpcTraceContext
            {
                TraceParent = $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01",
            },
            InputData = { new ParameterBinding { Name = function.TriggerName, Data = input } },
        };
        foreach (var (name, value) in triggerMetadata)
        {
            request.TriggerMetadata[name] = value;
        }

        var response = (await channel.InvokeAsync(request)).InvocationResponse;
        var outcome = new InvocationOutcome(
            invocationId, response.Result?.Status ?? StatusResult.Types.Status.Failure, response.Result?.Exception?.Message, response);
        if (!outcome.Succeeded)
        {
            Log.Write($"[host] {function.Name} invocation {invocationId} ended {outcome.Status}: {Describe(response.Result)}");
        }

        return outcome;
    }

    /// <summary>Waits for one step of the start, unless the worker exits or the start deadline passes first.</summary>
    private async Task<T> Step<T>(string awaited, Task<T> step, CancellationToken deadline)
    {
        Task<int> exited = worker!.Exited;
        try
        {
            if (await Task.WhenAny(step, exited).WaitAsync(deadline) == exited)
            {
                throw Failure($"The worker exited with code {await exited} while the host waited for {awaited}.");
            }

            return await step;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw Failure($"The worker did not answer within {options.StartTimeout.TotalSeconds:0} s: the host waited for {awaited}.");
        }
        catch (IOException ex)
        {
            throw Failure($"The worker's stream closed while the host waited for {awaited}: {ex.Message}");
        }
    }

    private static async Task<bool> ListeningAsync(Uri uri, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(uri.Host, uri.Port, cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    private InvalidOperationException Failure(string message)
        => new($"{message}{Environment.NewLine}Recent output:{Environment.NewLine}{Log.Tail()}");

    private void EnsureSuccess(StatusResult? result, string what)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            throw Failure($"{what}: {Describe(result)}");
        }
    }

    private static string Describe(StatusResult? result)
        => result is null ? "no result"
            : result.Exception is { } exception ? $"{result.Status}: {WorkerChannel.Describe(exception)}"
            : $"{result.Status} {result.Result}".Trim();

    private Dictionary<string, string> WorkerEnvironment(string appDirectory)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory,
            ["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory,
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = options.EnvironmentName,
        };
        foreach (var (name, value) in options.Settings)
        {
            // A setting that points back at the app (a webhook's URL) names the front door, whose port may be picked at start.
            environment[name] = value.Replace(FunctionsHostOptions.FrontDoorPlaceholder, BaseAddress.AbsoluteUri, StringComparison.Ordinal);
        }

        return environment;
    }

    /// <summary>A bare Kestrel on <paramref name="urls"/>: no configuration files, no console logging.</summary>
    private static WebApplication BuildServer(string urls, HttpProtocols protocols, Action<IServiceCollection> services)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(urls).ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = protocols));
        builder.Services.AddRouting();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopGrace);
        services(builder.Services);
        return builder.Build();
    }
}
