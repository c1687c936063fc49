using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MeetingLinks.Receipts;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Receipts;

/// <summary>The app with the receipts route, and the calls Webex Connect would make to it.</summary>
internal static class ReceiptCalls
{
    public const string Secret = "hub-secret-5e7d1a9b";

    public static Task<TestApp> StartAsync(AzuriteFixture azurite, string? secret = Secret)
        => TestApp.StartAsync(
            azurite,
            settings: new Dictionary<string, string?> { ["Receipts:HubSecret"] = secret });

    public static async Task<string> CreateMeetingAsync(this TestApp app)
    {
        var created = await (await app.PostAsync("/api/meetings", "{}")).ReadJsonAsync();
        return created.GetProperty("meetingId").GetString()!;
    }

    public static string Sign(string body, string secret = Secret, string prefix = "sha256=")
        => prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>Posts <paramref name="body"/> byte for byte, signed with the test secret unless told otherwise.</summary>
    public static async Task<HttpResponseMessage> PostReceiptAsync(this TestApp app, string body, string? signature = "", string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/receipts")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        signature = signature == string.Empty ? Sign(body) : signature;
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(HubSignature.HeaderName, signature);
        }

        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return await app.Client.SendAsync(request);
    }

    public static async Task<JsonElement> ReadRecordAsync(this TestApp app, string meetingId)
        => await (await app.GetAsync($"/api/meetings/{meetingId}")).ReadJsonAsync();
}
