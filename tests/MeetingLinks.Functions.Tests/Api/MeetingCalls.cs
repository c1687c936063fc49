using System.Net;
using System.Text.Json;
using MeetingLinks.Tests.Hosts;

namespace MeetingLinks.Tests.Api;

/// <summary>The calls a flow and an operator make to set up a test's own meetings, each expected to succeed.</summary>
internal static class MeetingCalls
{
    /// <summary>A reference no other test uses, such as <c>CASE-1a2b3c4d5e6f</c>, to find a test's own records by.</summary>
    public static string UniqueReference(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Creates a meeting through the flow route (an empty body when none is given) and returns its id.</summary>
    public static async Task<string> CreateMeetingAsync(this AppHost app, object? body = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var response = await app.PostAsync("/api/meetings", body ?? "{}");
        return (await response.ReadSuccessAsync()).GetProperty("meetingId").GetString()!;
    }

    /// <summary>The stored record, as the ops route shows it.</summary>
    public static async Task<JsonElement> ReadRecordAsync(this AppHost app, string meetingId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await (await app.GetAsync($"/api/meetings/{meetingId}")).ReadSuccessAsync();
    }

    /// <summary>Reports an event as a flow does, and returns the answer.</summary>
    public static async Task<JsonElement> ReportEventAsync(this AppHost app, string meetingId, object body)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await (await app.PostAsync($"/api/meetings/{meetingId}/events", body)).ReadSuccessAsync();
    }

    private static async Task<JsonElement> ReadSuccessAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
        return await response.ReadJsonAsync();
    }
}
