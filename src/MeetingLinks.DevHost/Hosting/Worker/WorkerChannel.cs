using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Grpc.Core;
using MeetingLinks.DevHost.Hosting.Protocol;

namespace MeetingLinks.DevHost.Hosting.Worker;

/// <summary>
/// The host's end of the worker's <c>EventStream</c>: sends requests, and pairs each answer with the request that
/// asked for it by what the answer is about (the init, the metadata, a function id, an invocation id).
/// </summary>
internal sealed class WorkerChannel(HostLog log) : IDisposable
{
    // Writes to a gRPC stream must not overlap, so everything outgoing queues here for one writer.
    private readonly Channel<StreamingMessage> outbox = Channel.CreateUnbounded<StreamingMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> pending = new();
    private readonly TaskCompletionSource<string> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource closing = new();
    private int connections;

    /// <summary>Completes with the worker id once the worker has opened the stream.</summary>
    public Task<string> Started => started.Task;

    public Task<StreamingMessage> InitializeAsync(WorkerInitRequest request)
        => RequestAsync("init", new StreamingMessage { WorkerInitRequest = request });

    public Task<StreamingMessage> GetMetadataAsync(FunctionsMetadataRequest request)
        => RequestAsync("metadata", new StreamingMessage { FunctionsMetadataRequest = request });

    public Task<StreamingMessage> LoadAsync(FunctionLoadRequest request)
        => RequestAsync("load:" + request.FunctionId, new StreamingMessage { FunctionLoadRequest = request });

    public Task<StreamingMessage> InvokeAsync(InvocationRequest request)
        => RequestAsync("invocation:" + request.InvocationId, new StreamingMessage { InvocationRequest = request });

    public void Send(StreamingMessage message) => outbox.Writer.TryWrite(message);

    /// <summary>Ends the stream from the host's side and fails whatever still waits for an answer.</summary>
    public void Close(string reason)
    {
        outbox.Writer.TryComplete();
        closing.Cancel();
        FailPending(reason);
    }

    public void Dispose() => closing.Dispose();

    /// <summary>Runs for as long as the worker keeps the stream open.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> inbound, IServerStreamWriter<StreamingMessage> outbound, CancellationToken aborted)
    {
        if (Interlocked.Increment(ref connections) > 1)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.AlreadyExists, "The double serves one worker."));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, closing.Token);
        var writing = WriteAllAsync(outbound, stop.Token);
        try
        {
            await foreach (var message in inbound.ReadAllAsync(stop.Token))
            {
                Receive(message);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The worker went away, or the double is stopping.
        }
        finally
        {
            await stop.CancelAsync();
            await writing;
            FailPending("the worker closed the gRPC stream");
            log.Write("[host] worker stream closed");
        }
    }

    private async Task WriteAllAsync(IServerStreamWriter<StreamingMessage> outbound, CancellationToken stop)
    {
        try
        {
            await foreach (var message in outbox.Reader.ReadAllAsync(stop))
            {
                await outbound.WriteAsync(message, stop);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The stream is over; whoever waits for an answer is failed by RunAsync.
        }
    }

    private Task<StreamingMessage> RequestAsync(string key, StreamingMessage message)
    {
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!pending.TryAdd(key, answer))
        {
            throw new InvalidOperationException($"A request for '{key}' is already waiting for its answer.");
        }

        message.RequestId = Guid.NewGuid().ToString();
        if (closing.IsCancellationRequested || !outbox.Writer.TryWrite(message))
        {
            pending.TryRemove(key, out _);
            answer.SetException(new IOException("The worker's gRPC stream is closed."));
        }

        return answer.Task;
    }

    private void Receive(StreamingMessage message)
    {
        var key = message.ContentCase switch
        {
            StreamingMessage.ContentOneofCase.WorkerInitResponse => "init",
            StreamingMessage.ContentOneofCase.FunctionMetadataResponse => "metadata",
            StreamingMessage.ContentOneofCase.FunctionLoadResponse => "load:" + message.FunctionLoadResponse.FunctionId,
            StreamingMessage.ContentOneofCase.InvocationResponse => "invocation:" + message.InvocationResponse.InvocationId,
            _ => null,
        };

        if (key is not null)
        {
            if (pending.TryRemove(key, out var answer))
            {
                answer.TrySetResult(message);
            }
            else
            {
                log.Write($"[host] unexpected {message.ContentCase} for '{key}'");
            }

            return;
        }

        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                log.Write($"[host] worker {message.StartStream.WorkerId} connected");
                started.TrySetResult(message.StartStream.WorkerId);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                log.Write(Describe(message.RpcLog));
                break;
            case StreamingMessage.ContentOneofCase.None:
                // The 2.x worker answers WorkerTerminate with an empty message.
                break;
            default:
                log.Write($"[host] ignored {message.ContentCase} from the worker");
                break;
        }
    }

    private void FailPending(string reason)
    {
        foreach (var key in pending.Keys)
        {
            if (pending.TryRemove(key, out var answer))
            {
                answer.TrySetException(new IOException($"No answer for '{key}': {reason}."));
            }
        }
    }

    internal static string Describe(RpcLog entry)
    {
        var text = new StringBuilder()
            .Append("[worker ").Append(entry.Level).Append("] ")
            .Append(entry.Category).Append(": ").Append(entry.Message);
        if (entry.Exception is { } exception)
        {
            text.AppendLine().Append(Describe(exception));
        }

        return text.ToString();
    }

    internal static string Describe(Protocol.RpcException exception)
        => $"{exception.Type} {exception.Source}: {exception.Message}{Environment.NewLine}{exception.StackTrace}".Trim();
}

/// <summary>The gRPC service the worker dials; one stream, handed to the <see cref="WorkerChannel"/>.</summary>
internal sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
        => channel.RunAsync(requestStream, responseStream, context.CancellationToken);
}
