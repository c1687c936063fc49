using System.Text;
using MeetingLinks.Http;
using MeetingLinks.Meetings.Create;
using Microsoft.AspNetCore.Http;

namespace MeetingLinks.Tests.Http;

public class JsonBodyReaderTests
{
    private static async Task<(CreateMeetingRequest? Value, ProblemResult? Problem)> Read(string body, int max = 1024)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var outcome = await JsonBodyReader.ReadAsync(context.Request, ApiJsonContext.Default.CreateMeetingRequest, max, CancellationToken.None);
        return (outcome.Value, outcome.Failure?.ToProblem());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n")]
    [InlineData("{}")]
    public async Task Empty_body_or_empty_object_is_an_empty_request(string body)
    {
        var (value, problem) = await Read(body);

        Assert.Null(problem);
        Assert.NotNull(value);
        Assert.Null(value.Hosts);
    }

    [Fact]
    public async Task Field_names_match_without_case_and_numbers_may_be_quoted()
    {
        var (value, _) = await Read("""{"Hosts":"2","GUESTS":3,"customer":{"Phone":"+15551234567"}}""");

        Assert.Equal(2, value!.Hosts);
        Assert.Equal(3, value.Guests);
        Assert.Equal("+15551234567", value.Customer!.Phone);
    }

    [Theory]
    [InlineData("{", "invalid_request")]
    [InlineData("{\"hosts\":1,}", "invalid_request")]
    [InlineData("[1,2]", "invalid_request")]
    [InlineData("\"text\"", "invalid_request")]
    [InlineData("null", "invalid_request")]
    public async Task Not_a_json_object_is_a_400(string body, string code)
    {
        var (_, problem) = await Read(body);

        Assert.Equal(400, problem!.StatusCode);
        Assert.Equal(code, problem.Problem.Code);
    }

    [Theory]
    [InlineData("""{"host":1}""", "host")]
    [InlineData("""{"customer":{"phone":"1","mail":"a@b.c"}}""", "customer.mail")]
    public async Task Unknown_fields_are_named(string body, string field)
    {
        var (_, problem) = await Read(body);

        Assert.Equal(400, problem!.StatusCode);
        Assert.Equal([field], problem.Problem.Errors!.Keys);
    }

    [Theory]
    [InlineData("""{"hosts":"many"}""", "hosts")]
    [InlineData("""{"hosts":1.5}""", "hosts")]
    [InlineData("""{"guests":99999999999999}""", "guests")]
    [InlineData("""{"loginUrlForHost":"yes"}""", "loginUrlForHost")]
    [InlineData("""{"expiresAt":"2026-11-26T10:00:00"}""", "expiresAt")]
    [InlineData("""{"expiresAt":"tomorrow"}""", "expiresAt")]
    [InlineData("""{"validFrom":1764064800}""", "validFrom")]
    [InlineData("""{"devices":"room@example.com"}""", "devices")]
    [InlineData("""{"customer":"Jane"}""", "customer")]
    [InlineData("""{"reference":42}""", "reference")]
    public async Task Wrong_types_are_a_400_naming_the_field(string body, string field)
    {
        var (_, problem) = await Read(body);

        Assert.Equal(400, problem!.StatusCode);
        Assert.Equal("invalid_request", problem.Problem.Code);
        Assert.Contains(field, problem.Problem.Errors!.Keys.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dates_with_an_offset_are_read_as_that_instant()
    {
        var (value, _) = await Read("""{"expiresAt":"2026-11-26T12:00:00+02:00"}""");

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero), value!.ExpiresAt);
    }

    [Fact]
    public async Task Body_over_the_cap_is_a_413()
    {
        var (_, problem) = await Read("{\"subject\":\"" + new string('a', 2000) + "\"}", max: 1024);

        Assert.Equal(413, problem!.StatusCode);
        Assert.Equal("payload_too_large", problem.Problem.Code);
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_400_not_a_crash()
    {
        var (_, problem) = await Read(new string('[', 500) + new string(']', 500));

        Assert.Equal(400, problem!.StatusCode);
    }
}
