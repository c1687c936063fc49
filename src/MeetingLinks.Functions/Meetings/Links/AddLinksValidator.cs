namespace MeetingLinks.Meetings.Links;

/// <summary>Checks an add-links request; by default it asks for one guest link and no host link.</summary>
public sealed class AddLinksValidator(LinkRules rules)
{
    public Outcome<ValidatedAddLinks> Validate(AddLinksRequest request, string? idempotencyHeader)
    {
        var errors = new ValidationErrors();
        var key = LinkRules.Key(errors, idempotencyHeader, request.RequestId);
        var (hosts, guests) = LinkRules.Counts(errors, request.Hosts, request.Guests, defaultHosts: 0, defaultGuests: 1);
        var validity = rules.Validity(errors, request.ValidFrom, request.ExpiresAt);
        var vertical = rules.Vertical(errors, request.VerticalType);
        var expert = LinkRules.Expert(errors, request.Expert, hosts);
        return errors.Or(ProblemCodes.InvalidRequest, () => new ValidatedAddLinks(
            key, hosts, guests, validity, vertical, rules.LoginUrlForHost(request.LoginUrlForHost), expert));
    }
}
