using MeetingLinks.Meetings;
using MeetingLinks.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;

namespace MeetingLinks.Tests.Operations;

public class ListingQueryParserTests
{
    private readonly ListingQueryParser _parser = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero)), Options.Create(new MeetingsOptions()));

    public static TheoryData<string> Statuses => [.. MeetingStatus.All];

    private (ListingQuery? Query, string[]? StatusErrors) ParseStatus(string status)
    {
        var outcome = _parser.Parse(new QueryCollection(new Dictionary<string, StringValues> { ["status"] = status }), paged: true);
        return (outcome.Value, outcome.Failure?.Errors?.TryGetValue("status", out var errors) == true ? errors : null);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Every_listed_status_filters_the_listing(string status)
    {
        var (query, errors) = ParseStatus(status);

        Assert.Null(errors);
        Assert.Equal(status, query?.Filter.Status);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void A_status_in_any_case_with_spaces_is_the_listed_one(string status)
    {
        var (query, _) = ParseStatus($" {status.ToUpperInvariant()} ");

        Assert.Equal(status, query?.Filter.Status);
    }

    [Theory]
    [InlineData("lost")]
    [InlineData("expired")]
    [InlineData("submitted")]
    [InlineData("created,sent")]
    public void Any_other_status_is_refused_naming_the_list(string status)
    {
        var (query, errors) = ParseStatus(status);

        Assert.Null(query);
        Assert.NotNull(errors);
        Assert.Equal([$"must be one of {string.Join(", ", MeetingStatus.All)}."], errors);
    }

    [Fact]
    public void No_status_is_no_filter()
    {
        var (query, errors) = ParseStatus(" ");

        Assert.Null(errors);
        Assert.NotNull(query);
        Assert.Null(query.Filter.Status);
    }
}
