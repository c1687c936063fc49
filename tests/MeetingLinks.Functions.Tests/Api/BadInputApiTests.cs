using MeetingLinks.Tests.Infrastructure;

namespace MeetingLinks.Tests.Api;

/// <summary>Every kind of bad input gets a 4xx problem with a code, and nothing is stored.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public class BadInputApiTests(AzuriteFixture azurite)
{
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

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_body_is_a_problem_with_a_code_and_stores_nothing(string body, int status, string code)
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostAsync("/api/meetings", body);

        await response.AssertProblemAsync(status, code);
        Assert.Equal(0, await TableRows.CountMeetingsAsync(azurite, app.TableName));
    }

    [Fact]
    public async Task Validation_problem_lists_each_bad_field()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostAsync("/api/meetings", """{"hosts":20,"guests":20,"verticalType":"x","customer":{"phone":"1"}}""");

        var problem = await response.AssertProblemAsync(400, "invalid_request");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["customer.phone", "guests", "verticalType"], fields);
    }

    [Fact]
    public async Task Body_over_16_KiB_is_a_413()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostAsync("/api/meetings", "{\"subject\":\"" + new string('a', 20_000) + "\"}");

        await response.AssertProblemAsync(413, "payload_too_large");
    }

    [Fact]
    public async Task Overlong_idempotency_header_is_a_400()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostAsync("/api/meetings", "{}", idempotencyKey: new string('k', 300));

        await response.AssertProblemAsync(400, "invalid_request");
    }

    [Fact]
    public async Task Wrong_methods_and_unknown_routes_get_problems_not_500s()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var wrongMethod = await app.Client.DeleteAsync("/api/meetings");
        var noRoute = await app.Client.GetAsync("/api/nothing-here");

        await wrongMethod.AssertProblemAsync(404, "not_found");
        await noRoute.AssertProblemAsync(404, "not_found");
    }
}
