namespace MeetingLinks.Experts;

/// <summary>Who gets the host links in Webex: a person by email or id, or a space the bot is a member of.</summary>
/// <param name="Kind"><see cref="Email"/>, <see cref="PersonId"/> or <see cref="RoomId"/>: the field of Webex's messages API it fills.</param>
public sealed partial record ExpertTarget(string Kind, string Address)
{
    public const string Email = "email";
    public const string PersonId = "personId";
    public const string RoomId = "roomId";

    /// <summary>The kind and a masked address, for records, logs and the ops page: <c>email j***@example.com</c>.</summary>
    public string Masked => Kind == Email && Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        ? $"{Kind} {Address[0]}***{Address[at..]}"
        : $"{Kind} {Address[..Math.Min(6, Address.Length)]}…{Address[Math.Max(0, Address.Length - 4)..]}";

    /// <summary>
    /// The request's <c>expert</c>: exactly one of <c>email</c>, <c>personId</c>, <c>roomId</c>. Null when there is none
    /// (or it is wrong: then the errors say which field and why).
    /// </summary>
    public static ExpertTarget? From(ValidationErrors errors, ExpertRequest? expert, string field = "expert")
    {
        if (expert is null)
        {
            return null;
        }

        var email = errors.Text($"{field}.email", expert.Email, 254);
        var personId = errors.Text($"{field}.personId", expert.PersonId, 200);
        var roomId = errors.Text($"{field}.roomId", expert.RoomId, 200);
        var given = new[] { (Email, email), (PersonId, personId), (RoomId, roomId) }.Where(f => f.Item2 is not null).ToList();
        if (given.Count != 1)
        {
            if (errors.Count == 0 || given.Count > 1)
            {
                errors.Add(field, "must name exactly one of email, personId or roomId.");
            }

            return null;
        }

        var (kind, address) = given[0];
        var valid = kind == Email ? EmailShape().IsMatch(address!) : WebexIdShape().IsMatch(address!);
        if (!valid)
        {
            errors.Add($"{field}.{kind}", kind == Email ? "must be an email address." : "must be a Webex id (letters, digits, '-', '_' and '=').");
            return null;
        }

        return new ExpertTarget(kind, address!);
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^[A-Za-z0-9_=\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex WebexIdShape();
}

/// <summary>The <c>expert</c> of a create or add-links request, as sent.</summary>
public sealed class ExpertRequest
{
    public string? Email { get; set; }

    public string? PersonId { get; set; }

    public string? RoomId { get; set; }
}
