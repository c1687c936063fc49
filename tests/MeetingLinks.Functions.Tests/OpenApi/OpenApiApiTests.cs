using System.Net;
using System.Net.Http.Headers;
using MeetingLinks.OpenApi;
using MeetingLinks.Tests.Api;
using MeetingLinks.Tests.Hosts;
using MeetingLinks.Tests.Infrastructure;
using MeetingLinks.Tests.Receipts;
using Microsoft.OpenApi;
using Xunit.Abstractions;

namespace MeetingLinks.Tests.OpenApi;

/// <summary><c>GET /api/openapi.json</c>, and the running app's answers held to what it describes.</summary>
public sealed class OpenApiApiTests(AzuriteFixture azurite, ITestOutputHelper output)
    : HostSuite(azurite, output)
{
    [Fact]
    public async Task The_description_is_served_without_a_key_names_every_route_and_revalidates()
    {
        var app = await AppAsync();

        var response = await app.GetAsync("/api/openapi.json", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(OpenApiDescription.Content.ToArray(), bytes);

        var (document, diagnostic) = ServedDescription.Read(await response.Content.ReadAsStringAsync());
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic?.SpecificationVersion);
        Assert.Empty(diagnostic!.Errors);
        Assert.Equal(AppRoutes.Paths.Order(StringComparer.Ordinal), document!.Paths.Keys.Order(StringComparer.Ordinal));
        await app.AssertRevalidatesAsync("/api/openapi.json", response);
    }

    [Fact]
    public async Task What_the_running_app_answers_is_what_it_describes()
    {
        var app = await AppAsync();
        var reference = MeetingCalls.UniqueReference("OPENAPI");
        var phone = "+4477009" + Random.Shared.Next(10_000, 99_999);
        const string Create = """{"customer":{"phone":"PHONE","name":"Ada Lovelace","channel":"sms"},"reference":"REF","hosts":"1","guests":2}""";
        var createBody = Create.Replace("PHONE", phone, StringComparison.Ordinal).Replace("REF", reference, StringComparison.Ordinal);
        Assert.Empty(ServedDescription.Check("POST", "/api/meetings", "request", createBody));

        var created = await AssertDescribedAsync(await app.PostAsync("/api/meetings", createBody), "POST", "/api/meetings", HttpStatusCode.OK);
        var id = (await created.ReadJsonAsync()).GetProperty("meetingId").GetString()!;
        await AssertDescribedAsync(await app.PostAsync($"/api/meetings/{id}/links", """{"hosts":1,"guests":0}"""),
            "POST", "/api/meetings/{id}/links", HttpStatusCode.OK);
        await AssertDescribedAsync(await app.PostAsync($"/api/meetings/{id}/events", """{"type":"sent","channel":"sms"}"""),
            "POST", "/api/meetings/{id}/events", HttpStatusCode.OK);
        await AssertDescribedAsync(await app.PostReceiptAsync(ReceiptSamples.WhatsApp(id)), "POST", "/api/receipts", HttpStatusCode.OK);
        await AssertDescribedAsync(await app.PostReceiptAsync("{}", signature: null), "POST", "/api/receipts", HttpStatusCode.OK);
        await AssertDescribedAsync(await app.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/receipts"), key: null),
            "HEAD", "/api/receipts", HttpStatusCode.OK);
        await AssertDescribedAsync(await app.GetAsync($"/api/meetings/{id}"), "GET", "/api/meetings/{id}", HttpStatusCode.OK);
        await AssertDescribedAsync(await app.GetAsync($"/api/meetings?reference={reference}"), "GET", "/api/meetings", HttpStatusCode.OK);
        await AssertDescribedAsync(await app.GetAsync($"/api/meetings/export?reference={reference}"), "GET", "/api/meetings/export", HttpStatusCode.OK);
        await AssertDescribedAsync(await app.GetAsync("/api/health", key: null), "GET", "/api/health", HttpStatusCode.OK);
        await AssertDescribedAsync(await app.PostAsync("/api/maintenance/purge", "{}", key: TestSecrets.OpsKey),
            "POST", "/api/maintenance/purge", HttpStatusCode.OK);
        await AssertDescribedAsync(await app.PostAsync("/api/customers/erase", new { phone }, key: TestSecrets.OpsKey),
            "POST", "/api/customers/erase", HttpStatusCode.OK);
        var other = await app.CreateMeetingAsync();
        await AssertDescribedAsync(await app.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/meetings/{other}"), TestSecrets.OpsKey),
            "DELETE", "/api/meetings/{id}", HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task What_the_running_app_refuses_is_a_problem_it_describes()
    {
        var app = await AppAsync();
        var id = await app.CreateMeetingAsync();

        await AssertDescribedAsync(await app.PostAsync("/api/meetings", "{}", key: null), "POST", "/api/meetings", HttpStatusCode.Unauthorized);
        await AssertDescribedAsync(await app.PostAsync("/api/meetings", "{}", key: TestSecrets.OpsKey), "POST", "/api/meetings", HttpStatusCode.Forbidden);
        await AssertDescribedAsync(await app.PostAsync("/api/meetings", """{"hosts":-1,"colour":"red"}"""), "POST", "/api/meetings", HttpStatusCode.BadRequest);
        await AssertDescribedAsync(await app.PostAsync("/api/meetings", """{"customer":{"phone":"12"}}"""), "POST", "/api/meetings", HttpStatusCode.BadRequest);
        await AssertDescribedAsync(await app.PostAsync("/api/meetings", new string('x', 17 * 1024)), "POST", "/api/meetings", HttpStatusCode.RequestEntityTooLarge);
        await AssertDescribedAsync(await app.GetAsync("/api/meetings/20261125-51299877-aaaaaaaa"), "GET", "/api/meetings/{id}", HttpStatusCode.NotFound);
        await AssertDescribedAsync(await app.GetAsync("/api/meetings?day=yesterday&colour=red"), "GET", "/api/meetings", HttpStatusCode.BadRequest);
        await AssertDescribedAsync(await app.PostAsync($"/api/meetings/{id}/events", """{"type":"opened"}"""),
            "POST", "/api/meetings/{id}/events", HttpStatusCode.BadRequest);
        await AssertDescribedAsync(await app.PostAsync("/api/meetings/20261125-51299877-aaaaaaaa/links", "{}"),
            "POST", "/api/meetings/{id}/links", HttpStatusCode.NotFound);
        await AssertDescribedAsync(await app.PostAsync("/api/customers/erase", "{}", key: TestSecrets.OpsKey),
            "POST", "/api/customers/erase", HttpStatusCode.BadRequest);
        await AssertDescribedAsync(await app.PostReceiptAsync(ReceiptSamples.WhatsApp(id), signature: "sha256=00"),
            "POST", "/api/receipts", HttpStatusCode.Unauthorized);
        await AssertDescribedAsync(await app.PostReceiptAsync("""{"deliveryInfoNotification":{"deliveryInfo":{"deliveryStatus":"Delivered"}}}"""),
            "POST", "/api/receipts", HttpStatusCode.BadRequest);
        await AssertDescribedAsync(await app.GetAsync("/api/ops/missing.js", key: null), "GET", "/api/ops/{file}", HttpStatusCode.NotFound);
    }

    /// <summary>
    /// Asserts the answer has the expected status and is the operation's, described (which every answer through
    /// <see cref="AppHost"/> is checked for too): the named operation is the one that took the request.
    /// </summary>
    private static async Task<HttpResponseMessage> AssertDescribedAsync(HttpResponseMessage response, string method, string path, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        var requested = response.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.Equal($"{method.ToLowerInvariant()} {path}", DescribedAnswers.OperationOf(method, requested) is { } operation ? $"{operation.Method} {operation.Path}" : null);
        Assert.Empty(DescribedAnswers.Problems(method, requested, response, body));
        return response;
    }
}
