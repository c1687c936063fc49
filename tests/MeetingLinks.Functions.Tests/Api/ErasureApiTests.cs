using System.Net;
using MeetingLinks.Meetings;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>A customer asks to be forgotten: one meeting, or every meeting of their number, and nothing personal left.</summary>
public sealed class ErasureApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    [Fact]
    public async Task An_erased_meeting_reads_404_and_is_in_no_listing_or_export()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("ERASE");
        var id = await app.CreateMeetingAsync(new { reference, customer = new { phone = "+15550101001", name = "Erin Erased" } });

        var erased = await app.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/meetings/{id}"), TestSecrets.OpsKey);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Empty(await erased.Content.ReadAsByteArrayAsync());
        await (await app.GetAsync($"/api/meetings/{id}")).AssertProblemAsync(404, "not_found");
        Assert.Equal(0, (await (await app.GetAsync($"/api/meetings?reference={reference}")).ReadJsonAsync()).GetProperty("items").GetArrayLength());
        Assert.DoesNotContain("Erin Erased", await (await app.GetAsync($"/api/meetings/export?reference={reference}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await (await app.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/meetings/{id}"), TestSecrets.OpsKey)).AssertProblemAsync(404, "not_found");
        await (await app.PostAsync($"/api/meetings/{id}/events", new { type = "sent" })).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Only_ops_may_erase()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();

        await (await app.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/meetings/{id}"), TestSecrets.FlowKey)).AssertProblemAsync(403, "forbidden");
        await (await app.PostAsync("/api/customers/erase", new { phone = "+15550101002" }, key: TestSecrets.FlowKey)).AssertProblemAsync(403, "forbidden");
        await (await app.PostAsync("/api/customers/erase", new { phone = "+15550101002" }, key: null)).AssertProblemAsync(401, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/api/meetings/{id}")).StatusCode);
    }

    [Fact]
    public async Task Erasing_a_number_in_another_format_erases_all_its_meetings_and_no_one_elses()
    {
        // A table of its own: the counts are of one number, which no other test may happen to use too.
        var app = await StartAppAsync();
        var phone = "+4477009" + Random.Shared.Next(10_000, 99_999);
        var reference = MeetingCalls.UniqueReference("NUMBER");
        var theirs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            theirs.Add(await app.CreateMeetingAsync(new { reference, customer = new { phone, name = "Forget Me" } }));
        }

        var someoneElse = await app.CreateMeetingAsync(new { reference, customer = new { phone = "+15550101003", name = "Keep Me" } });
        // Older than any listing's default range: found by its phone entry all the same.
        var old = await TableRows.SeedMeetingAsync(Azurite, app.TableName, DateTimeOffset.UtcNow.AddDays(-60), reference, phone);

        var erased = await app.PostAsync("/api/customers/erase", new { phone = "00 44 7700 9" + phone[8..] }, key: TestSecrets.OpsKey);
        var again = await app.PostAsync("/api/customers/erase", new { phone }, key: TestSecrets.OpsKey);

        Assert.Equal(4, (await erased.ReadJsonAsync()).GetProperty("erased").GetInt32());
        Assert.Equal(0, (await again.ReadJsonAsync()).GetProperty("erased").GetInt32());
        foreach (var id in theirs.Append(old))
        {
            await (await app.GetAsync($"/api/meetings/{id}")).AssertProblemAsync(404, "not_found");
        }

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/api/meetings/{someoneElse}")).StatusCode);
        var listed = await (await app.GetAsync($"/api/meetings?reference={reference}")).ReadJsonAsync();
        Assert.Equal([someoneElse], listed.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("meetingId").GetString()));
        Assert.Equal(0, (await (await app.GetAsync($"/api/meetings?phone={Uri.EscapeDataString(phone)}")).ReadJsonAsync()).GetProperty("items").GetArrayLength());
        var export = await (await app.GetAsync($"/api/meetings/export?from={DateTime.UtcNow.AddDays(-61):yyyy-MM-dd}&to={DateTime.UtcNow:yyyy-MM-dd}&reference={reference}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Forget Me", export, StringComparison.Ordinal);
        Assert.Contains("Keep Me", export, StringComparison.Ordinal);

        var masked = phone[..3] + new string('*', phone.Length - 5) + phone[^2..];
        Assert.All(theirs, id => Assert.Contains(id, app.LogText, StringComparison.Ordinal));
        Assert.Contains(masked, app.LogText, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, app.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasing_a_number_finishes_an_erasure_cut_short_and_leaves_the_entry_of_a_meeting_still_being_created()
    {
        var app = await AppAsync();
        var phone = "+15550107" + Random.Shared.Next(100, 999);
        var cutShort = await TableRows.SeedMeetingAsync(Azurite, app.TableName, DateTimeOffset.UtcNow, phone: phone);
        await TableRows.SeedTombstoneAsync(Azurite, app.TableName, cutShort, DateTimeOffset.UtcNow);
        var beingCreated = MeetingIds.New(DateTimeOffset.UtcNow);
        await TableRows.SeedPhoneEntryAsync(Azurite, app.TableName, phone, beingCreated);

        var erased = await app.PostAsync("/api/customers/erase", new { phone }, key: TestSecrets.OpsKey);

        Assert.Equal(0, (await erased.ReadJsonAsync()).GetProperty("erased").GetInt32());
        Assert.False(await TableRows.HasPhoneEntryAsync(Azurite, app.TableName, phone, cutShort));
        Assert.True(await TableRows.HasPhoneEntryAsync(Azurite, app.TableName, phone, beingCreated));
    }

    [Fact]
    public async Task Replaying_an_erased_meetings_key_answers_410_and_does_not_bring_it_back()
    {
        var (app, broker) = await FakeBrokerAppAsync();
        var key = "erase-replay-" + Guid.NewGuid();
        var body = new { customer = new { phone = "+15550101004", name = "Gone Person" } };
        var id = (await (await app.PostAsync("/api/meetings", body, idempotencyKey: key)).ReadJsonAsync()).GetProperty("meetingId").GetString();
        await app.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/meetings/{id}"), TestSecrets.OpsKey);

        var replay = await app.PostAsync("/api/meetings", body, idempotencyKey: key);

        await replay.AssertProblemAsync(410, "erased");
        Assert.Single(broker.Requests);
        await (await app.GetAsync($"/api/meetings/{id}")).AssertProblemAsync(404, "not_found");
        await (await app.PostAsync($"/api/meetings/{id}/links", "{}")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Nothing_personal_is_left_in_the_table()
    {
        var app = await AppAsync();
        var phone = "+15550102" + Random.Shared.Next(100, 999);
        var name = "Table Trace " + Guid.NewGuid().ToString("N")[..8];
        var key = "trace-" + Guid.NewGuid();
        await app.PostAsync("/api/meetings", new { customer = new { phone, name }, reference = name }, idempotencyKey: key);

        var erased = await app.PostAsync("/api/customers/erase", new { phone }, key: TestSecrets.OpsKey);

        Assert.Equal(1, (await erased.ReadJsonAsync()).GetProperty("erased").GetInt32());
        var everything = await TableRows.AllTextAsync(Azurite, app.TableName);
        Assert.DoesNotContain(name, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(phone[1..], everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_phone_number_that_is_not_one_is_a_400()
    {
        var app = await AppAsync();

        await (await app.PostAsync("/api/customers/erase", new { phone = "not a number" }, key: TestSecrets.OpsKey)).AssertProblemAsync(400, "invalid_phone");
        await (await app.PostAsync("/api/customers/erase", "{}", key: TestSecrets.OpsKey)).AssertProblemAsync(400, "invalid_phone");
        await (await app.PostAsync("/api/customers/erase", new { phone = "+15550101005", name = "x" }, key: TestSecrets.OpsKey)).AssertProblemAsync(400, "invalid_request");
    }
}
