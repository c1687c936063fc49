using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.Api;

/// <summary>Every kind of bad input gets a 4xx problem with a code, and nothing is stored.</summary>
public sealed class BadInputApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    // The customer's name is cleaned of these characters instead (see below); the caller's own text is refused.
    private static readonly string[] RefusingTextFields = ["reference", "subject"];

    /// <summary>Zero-width characters and directional marks (U+200B..U+200F), embeddings and overrides (U+202A..U+202E),
    /// word joiner, invisible operators and isolates (U+2060..U+2069), and the byte order mark (U+FEFF).</summary>
    private static readonly int[] InvisibleCodePoints = [.. Enumerable.Range(0x200B, 5), .. Enumerable.Range(0x202A, 5), .. Enumerable.Range(0x2060, 10), 0xFEFF];

    public static TheoryData<string, int, string> BadBodies => new()
    {
        { "{", 400, "invalid_request" },
        { "[]", 400, "invalid_request" },
        { "\"{}\"", 400, "invalid_request" },
        { "<xml/>", 400, "invalid_request" },
        { """{"hosts":"two"}""", 400, "invalid_request" },
        { """{"hosts":30}""", 400, "invalid_request" },
        { """{"hosts":0,"guests":0}""", 400, "invalid_request" },
        { """{"guests":-1}""", 400, "invalid_request" },
        { """{"hostz":1}""", 400, "invalid_request" },
        { """{"customer":{"phone":"not a number"}}""", 400, "invalid_phone" },
        { """{"customer":{"phone":"+1"}}""", 400, "invalid_phone" },
        { """{"customer":{"phone":12345}}""", 400, "invalid_request" },
        { """{"customer":{"name":"a\u0000b"}}""", 400, "invalid_request" },
        { """{"customer":{"channel":"fax"}}""", 400, "invalid_request" },
        { """{"expiresAt":"2020-01-01T00:00:00Z"}""", 400, "invalid_request" },
        { """{"expiresAt":"2030-01-01T00:00:00"}""", 400, "invalid_request" },
        { """{"validFrom":"yesterday"}""", 400, "invalid_request" },
        { """{"verticalType":"bank"}""", 400, "invalid_request" },
        { """{"loginUrlForHost":"false"}""", 400, "invalid_request" },
        { """{"devices":["javascript:alert(1)"]}""", 400, "invalid_request" },
        { """{"devices":[1,2]}""", 400, "invalid_request" },
        { """{"requestId":{"a":1}}""", 400, "invalid_request" },
        { """{"reference":"\u001b[31mred"}""", 400, "invalid_request" },
    };

    /// <summary>Each refusing free-text field with each invisible formatting character.</summary>
    public static TheoryData<string, int> InvisibleCharactersInFreeText()
    {
        var data = new TheoryData<string, int>();
        foreach (var field in RefusingTextFields)
        {
            foreach (var codePoint in InvisibleCodePoints)
            {
                data.Add(field, codePoint);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadBodies), MemberType = typeof(BadInputApiTests))]
    public async Task Bad_body_is_a_problem_with_a_code_and_stores_nothing(string body, int status, string code)
    {
        var app = await AppAsync();
        var key = NewKey();

        var response = await app.PostAsync("/api/meetings", body, idempotencyKey: key);

        await response.AssertProblemAsync(status, code);
        await AssertNothingStoredUnderAsync(app, key);
    }

    [Theory]
    [MemberData(nameof(InvisibleCharactersInFreeText), MemberType = typeof(BadInputApiTests))]
    public async Task Invisible_or_direction_changing_character_in_free_text_is_refused_naming_the_field(string field, int codePoint)
    {
        var app = await AppAsync();
        var key = NewKey();
        // Sent as the raw character in UTF-8, as a name typed on a phone arrives.
        var text = "Jane" + (char)codePoint + "Doe";
        var body = field == "customer.name"
            ? $$$"""{"customer":{"name":"{{{text}}}"}}"""
            : $$$"""{"{{{field}}}":"{{{text}}}"}""";

        var response = await app.PostAsync("/api/meetings", body, idempotencyKey: key);

        var problem = await response.AssertProblemAsync(400, "invalid_request");
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await AssertNothingStoredUnderAsync(app, key);
    }

    public static TheoryData<int> InvisibleCharacters() => [.. InvisibleCodePoints];

    [Theory]
    [MemberData(nameof(InvisibleCharacters), MemberType = typeof(BadInputApiTests))]
    public async Task Invisible_or_direction_changing_character_in_the_customers_name_is_taken_out(int codePoint)
    {
        var app = await AppAsync();
        var body = $$$"""{"customer":{"name":"Jane{{{(char)codePoint}}}Doe"}}""";

        var created = await (await app.PostAsync("/api/meetings", body)).ReadJsonAsync();

        var record = await app.ReadRecordAsync(created.GetProperty("meetingId").GetString()!);
        Assert.Equal("JaneDoe", record.GetProperty("customerName").GetString());
    }

    [Fact]
    public async Task Validation_problem_lists_each_bad_field()
    {
        var app = await AppAsync();

        var response = await app.PostAsync("/api/meetings", """{"hosts":20,"guests":20,"verticalType":"x","customer":{"phone":"1"}}""");

        var problem = await response.AssertProblemAsync(400, "invalid_request");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["customer.phone", "guests", "verticalType"], fields);
    }

    [Fact]
    public async Task Body_over_16_KiB_is_a_413_and_stores_nothing()
    {
        var app = await AppAsync();
        var key = NewKey();

        var response = await app.PostAsync("/api/meetings", "{\"subject\":\"" + new string('a', 20_000) + "\"}", idempotencyKey: key);

        await response.AssertProblemAsync(413, "payload_too_large");
        await AssertNothingStoredUnderAsync(app, key);
    }

    [Fact]
    public async Task Overlong_idempotency_header_is_a_400()
    {
        var app = await AppAsync();

        var response = await app.PostAsync("/api/meetings", "{}", idempotencyKey: new string('k', 300));

        var problem = await response.AssertProblemAsync(400, "invalid_request");
        Assert.Equal(["Idempotency-Key"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Wrong_methods_and_unknown_routes_are_404s_not_500s()
    {
        var app = await AppAsync();
        var someId = "20261125-51299877-aaaaaaaa";

        await AssertNoRouteAsync(await app.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/meetings"), key: null));
        await AssertNoRouteAsync(await app.GetAsync("/api/nothing-here", key: null));
        await AssertNoRouteAsync(await app.GetAsync("/api/nothing-here"));
        await AssertNoRouteAsync(await app.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/meetings/{someId}"), TestSecrets.OpsKey));
        await AssertNoRouteAsync(await app.PostAsync("/api/health", "{}"));
    }

    private static string NewKey() => "bad-" + Guid.NewGuid();

    /// <summary>Had the refused request been stored under <paramref name="key"/>, a new create with it would replay or conflict.</summary>
    private static async Task AssertNothingStoredUnderAsync(AppHost app, string key)
    {
        var fresh = await app.PostAsync("/api/meetings", "{}", idempotencyKey: key);

        Assert.True(fresh.IsSuccessStatusCode, $"The key of a refused request was taken: {(int)fresh.StatusCode} {await fresh.Content.ReadAsStringAsync()}");
        Assert.False((await fresh.ReadJsonAsync()).GetProperty("replayed").GetBoolean(), "The key of a refused request replays a meeting.");
    }
}
