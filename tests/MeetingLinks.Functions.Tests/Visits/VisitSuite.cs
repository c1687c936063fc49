using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Visits;

/// <summary>
/// The base of the visits' suites: visits booked ahead on the real worker, with a fake broker that records what it is asked
/// and a fake Connect Inbound Webhook. Each test books a visit of its own; a reminder tested arriving is due seconds after
/// booking. The suites share the app and the broker, which nobody scripts: a test reads what the broker was asked for its
/// own visit's space (<see cref="RequestsFor"/>).
/// </summary>
public abstract class VisitSuite(AzuriteFixture azurite, ITestOutputHelper output) : HostSuite(azurite, output)
{
    protected static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);
    private static readonly Lazy<Task<FakeConnect>> SharedConnect = new(FakeConnect.StartAsync);
    private static readonly Lazy<Task<FakeBroker>> SharedBroker = new(FakeBroker.StartAsync);

    protected async Task<(AppHost App, FakeBroker Broker, FakeConnect Connect)> StartAsync()
    {
        var (connect, broker) = (await SharedConnect.Value, await SharedBroker.Value);
        var app = await SharedAppAsync("visits", new Dictionary<string, string?>
        {
            ["InstantConnect:BaseUrl"] = broker.Url.ToString(),
            ["Connect:EventsUrl"] = connect.EventsUrl.ToString(),
            ["Connect:ServiceKey"] = TestSecrets.ConnectServiceKey,
        });
        return (app, broker, connect);
    }

    /// <summary>What the broker was asked for the space of the visit <paramref name="created"/> answered, oldest first.</summary>
    protected static List<RecordedRequest> RequestsFor(FakeBroker broker, JsonElement created)
        => [.. broker.Requests.Where(r => r.Sub == created.GetProperty("sub").GetString())];

    protected static async Task<JsonElement> BookAsync(AppHost app, DateTimeOffset startsAt, int? durationMinutes, string[] reminders, string? expert)
    {
        var body = new JsonObject
        {
            ["reference"] = "VISIT-" + Guid.NewGuid().ToString("N")[..8],
            ["customer"] = new JsonObject { ["phone"] = "+15550106001", ["channel"] = "whatsapp" },
            ["startsAt"] = startsAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["reminders"] = new JsonArray([.. reminders.Select(r => (JsonNode)r)]),
        };
        if (durationMinutes is { } minutes)
        {
            body["durationMinutes"] = minutes;
        }

        if (expert is not null)
        {
            body["expert"] = new JsonObject { ["email"] = expert };
        }

        return await (await app.PostAsync("/api/meetings", body.ToJsonString(), idempotencyKey: $"wa-{Guid.NewGuid():N}")).ReadJsonAsync();
    }

    protected static DateTimeOffset WholeSecond(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    protected static async Task<JsonElement> UntilAsync(AppHost app, string meetingId, Func<JsonElement, bool> done)
    {
        JsonElement record = default;
        await Eventually.UntilAsync(async () => done(record = await app.ReadRecordAsync(meetingId)), Bound, $"meeting {meetingId} to get there");
        return record;
    }
}
