using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using MeetingLinks.Receipts;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Receipts;

/// <summary>The calls Webex Connect would make to the receipts route, signed with the test apps' hub secret.</summary>
internal static class ReceiptCalls
{
    public static string Sign(string body, string secret = TestSecrets.HubSecret, string prefix = "sha256=")
        => prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>Posts <paramref name="body"/> byte for byte, signed with the test secret unless told otherwise (null: unsigned).</summary>
    public static Task<HttpResponseMessage> PostReceiptAsync(this AppHost app, string body, string? signature = "", string? key = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/receipts")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        signature = signature == string.Empty ? Sign(body) : signature;
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(HubSignature.HeaderName, signature);
        }

        return app.SendAsync(request, key);
    }
}
