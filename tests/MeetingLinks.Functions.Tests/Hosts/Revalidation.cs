using System.Net;

namespace MeetingLinks.Tests.Hosts;

/// <summary>Files a browser or gateway keeps and revalidates: the ops page's assets, the OpenAPI description.</summary>
internal static class Revalidation
{
    /// <summary>
    /// Asserts that <paramref name="response"/> may be kept but must be checked before each use (<c>no-cache</c> with an
    /// ETag), and that asking again with its ETag answers 304 without a body.
    /// </summary>
    public static async Task AssertRevalidatesAsync(this AppHost app, string path, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.Headers.CacheControl?.NoCache);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        var revalidated = await app.SendAsync(again, key: null);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }
}
