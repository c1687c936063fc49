namespace MeetingLinks.Meetings.Links;

/// <summary>The body of <c>POST /api/meetings/{id}/links</c>: <c>{}</c> asks for one more guest link, valid from now for the configured lifetime.</summary>
public sealed class AddLinksRequest : LinkRequest;

/// <summary>An add-links request after validation, with every default decided.</summary>
public sealed record ValidatedAddLinks(
    string? IdempotencyKey, int Hosts, int Guests, LinkValidity Validity, string VerticalType, bool LoginUrlForHost, Experts.ExpertTarget? Expert = null);
