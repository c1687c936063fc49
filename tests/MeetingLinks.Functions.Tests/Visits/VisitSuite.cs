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
/// booking. Each suite has an app and a broker of its own, as a broker's requests are reset for every test.
/// </summary>
public abstract class VisitSuite(AzuriteFixture azurite, ITestOutputHelper output) : HostSuite(azurite, output)
{
    protected static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);
    private static readonly Lazy<Task<FakeConnect>> SharedConnect = new(FakeConnect.StartAsync);

    protected async Task<(AppHost App, FakeBroker Broker, FakeConnect Connect)> StartAsync()
    {
        var connect = await SharedConnect.Value;
        var (app, broker) = await FakeBrokerAppAsync("visits-" + GetType().Name, new Dictionary<string, string?>
        {
            ["Connect:EventsUrl"] = connect.EventsUrl.ToString(),
            ["Connect:ServiceKey"] = TestSecrets.ConnectServiceKey,
        });
        return (app, broker, connect);
    }

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
