using System.Net;
using MeetingLinks.DevHost.Hosting.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MeetingLinks.DevHost.Hosting.Http;

/// <summary>
/// The host's HTTP side with the ASP.NET Core integration: the request goes to the worker's own Kestrel as it
/// came, tagged with an invocation id, while an <c>InvocationRequest</c> with the same id tells the worker which
/// function runs. The worker pairs the two and answers the HTTP request itself.
/// </summary>
internal sealed class FrontDoor(HttpRouteTable routes, Uri workerHttpUri, StartInvocation invoke, HostLog log) : IDisposable
{
    private const string InvocationIdHeader = "x-ms-invocation-id";

    // Hop-by-hop headers belong to one connection and are not passed on (RFC 9110 7.6.1). Host is the worker's
    // own, and the invocation id is the double's to set.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", InvocationIdHeader,
    };

    // Answers go back exactly as the worker wrote them: no redirects followed, nothing decompressed.
    private readonly HttpClient worker = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task HandleAsync(HttpContext context)
    {
        var match = routes.Match(context.Request.Method, context.Request.Path);
        if (match is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // Plain parameters (string id) bind from trigger metadata: query values, and route values over them.
        var triggerMetadata = new Dictionary<string, TypedData>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Query)
        {
            triggerMetadata[name] = new TypedData { String = values.ToString() };
        }

        foreach (var (name, value) in match.RouteValues)
        {
            triggerMetadata[name] = new TypedData { String = value };
        }

        var invocationId = Guid.NewGuid().ToString();
        var aborted = context.RequestAborted;
        var outcome = invoke(match.Function, invocationId, new TypedData { Http = new RpcHttp() }, triggerMetadata);

        using var forwarded = Forward(context.Request, invocationId);
        HttpResponseMessage answer;
        try
        {
            answer = await worker.SendAsync(forwarded, HttpCompletionOption.ResponseHeadersRead, aborted);
        }
        catch (HttpRequestException ex)
        {
            log.Write($"[host] {match.Function.Name}: forwarding to the worker failed: {ex.Message}");
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        using (answer)
        {
            // The worker writes the body while the invocation runs, and would stall if nobody read it; but a failed
            // invocation turns the answer into a 500. So what arrives before the outcome is held back, and the rest
            // streams through once the outcome is a success.
            await using var body = await answer.Content.ReadAsStreamAsync(aborted);
            using var held = new MemoryStream();
            var buffer = new byte[16 * 1024];
            var read = body.ReadAsync(buffer, aborted).AsTask();
            while (await Task.WhenAny(read, outcome) == read && await read is var count && count > 0)
            {
                held.Write(buffer, 0, count);
                read = body.ReadAsync(buffer, aborted).AsTask();
            }

            InvocationOutcome result;
            try
            {
                result = await outcome;
            }
            catch (IOException ex)
            {
                log.Write($"[host] {match.Function.Name}: no invocation outcome: {ex.Message}");
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            if (!result.Succeeded)
            {
                // As the host: the function failed, so the caller gets a bare 500 whatever the worker wrote.
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            context.Response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            {
                if (!NotForwarded.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            // 204 and 304 carry no body, and Kestrel fails a write to one even of nothing: an error after the answer
            // has gone, which closes the connection under the client's next request.
            if (answer.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified)
            {
                return;
            }

            await context.Response.Body.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), aborted);
            for (var count = await read; count > 0; count = await body.ReadAsync(buffer, aborted))
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, count), aborted);
            }
        }
    }

    public void Dispose() => worker.Dispose();

    private HttpRequestMessage Forward(HttpRequest request, string invocationId)
    {
        // The target as the client sent it (path with the route prefix, query), not re-encoded.
        var target = request.HttpContext.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(workerHttpUri, target));
        if (request.ContentLength is not null || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (!NotForwarded.Contains(name) && !message.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        message.Headers.Add(InvocationIdHeader, invocationId);
        return message;
    }
}
