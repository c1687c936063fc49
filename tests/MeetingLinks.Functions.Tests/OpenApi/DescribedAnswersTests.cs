using System.Net;
using System.Text;

namespace MeetingLinks.Tests.OpenApi;

/// <summary>The check every HTTP-level answer goes through finds what breaks the description.</summary>
public sealed class DescribedAnswersTests
{
    private const string MeetingPath = "/api/meetings/20261125-51299877-aaaaaaaa";

    [Fact]
    public void Paths_find_their_operation_with_the_routes_constraints()
    {
        Assert.Equal("/api/meetings/{id}", DescribedAnswers.OperationOf("GET", MeetingPath)?.Path);
        Assert.Equal("/api/meetings/export", DescribedAnswers.OperationOf("GET", "/api/meetings/export")?.Path);
        Assert.Equal("/api/meetings/{id}/links", DescribedAnswers.OperationOf("POST", MeetingPath + "/links")?.Path);
        Assert.Null(DescribedAnswers.OperationOf("GET", "/api/meetings/not-an-id"));
        Assert.Null(DescribedAnswers.OperationOf("PUT", MeetingPath));
    }

    [Fact]
    public void A_described_problem_passes()
    {
        var answer = Json(HttpStatusCode.NotFound, "application/problem+json",
            """{"type":"about:blank","title":"Not found","status":404,"detail":"There is no meeting with this id.","code":"not_found"}""");

        Assert.Empty(DescribedAnswers.Problems("GET", MeetingPath, answer.Response, answer.Body));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "application/json", """{"colour":"red"}""")]
    [InlineData(HttpStatusCode.NotFound, "application/problem+json", """{"status":404,"code":"no_such_code"}""")]
    [InlineData((HttpStatusCode)418, "application/json", "{}")]
    [InlineData(HttpStatusCode.OK, "text/plain", "hello")]
    public void An_answer_the_description_does_not_give_is_found(HttpStatusCode status, string mediaType, string body)
    {
        var answer = Json(status, mediaType, body);

        Assert.NotEmpty(DescribedAnswers.Problems("GET", MeetingPath, answer.Response, answer.Body));
    }

    [Fact]
    public void Only_the_hosts_bare_404_may_answer_a_path_no_operation_takes()
    {
        Assert.Empty(DescribedAnswers.Problems("GET", "/api/nowhere", new HttpResponseMessage(HttpStatusCode.NotFound), ""));
        Assert.NotEmpty(DescribedAnswers.Problems("GET", "/api/nowhere", Json(HttpStatusCode.OK, "application/json", "{}").Response, "{}"));
    }

    private static (HttpResponseMessage Response, string Body) Json(HttpStatusCode status, string mediaType, string body)
        => (new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) }, body);
}
