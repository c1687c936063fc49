namespace MeetingLinks.Meetings.Create;

/// <summary>Checks a create request field by field; the link rules and their defaults are <see cref="LinkRules"/>'s.</summary>
public sealed partial class CreateMeetingValidator(LinkRules rules)
{
    public const int MaxDevices = 10;

    private static readonly string[] Channels = ["whatsapp", "sms", "rcs", "messenger", "web", "voice", "other"];

    public Outcome<ValidatedCreate> Validate(CreateMeetingRequest request, string? idempotencyHeader)
    {
        var errors = new ValidationErrors();
        var key = LinkRules.Key(errors, idempotencyHeader, request.RequestId);

        var phone = errors.Phone("customer.phone", request.Customer?.Phone);
        var name = errors.Name("customer.name", request.Customer?.Name, 200);
        var channel = errors.Text("customer.channel", request.Customer?.Channel, 20)?.ToLowerInvariant();
        if (channel is not null && !Channels.Contains(channel))
        {
            errors.Add("customer.channel", $"must be one of {string.Join(", ", Channels)}.");
        }

        var reference = errors.Text("reference", request.Reference, 100);
        var subject = errors.Text("subject", request.Subject, 200);
        var (hosts, guests) = LinkRules.Counts(errors, request.Hosts, request.Guests, defaultHosts: 1, defaultGuests: 1);
        var validity = rules.Validity(errors, request.ValidFrom, request.ExpiresAt);
        var vertical = rules.Vertical(errors, request.VerticalType);
        var devices = Devices(errors, request.Devices);
        var expert = LinkRules.Expert(errors, request.Expert, hosts);

        return errors.Or(errors.OnlyPhone ? ProblemCodes.InvalidPhone : ProblemCodes.InvalidRequest, () => new ValidatedCreate(
            key, phone, name, channel, reference, subject, hosts, guests, validity,
            vertical, rules.LoginUrlForHost(request.LoginUrlForHost), devices, expert));
    }

    private static List<string> Devices(ValidationErrors errors, IReadOnlyList<string>? devices)
    {
        var result = new List<string>();
        if (devices is null)
        {
            return result;
        }

        if (devices.Count > MaxDevices)
        {
            errors.Add("devices", $"may list at most {MaxDevices} devices.");
            return result;
        }

        for (var i = 0; i < devices.Count; i++)
        {
            var field = $"devices[{i}]";
            var device = errors.Text(field, devices[i], 256);
            if (device is not null && SipUri().IsMatch(device))
            {
                result.Add(device);
            }
            else
            {
                errors.Add(field, "must be a SIP URI such as room@example.webex.com.");
            }
        }

        return result;
    }

    [GeneratedRegex(@"^(sip:)?[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex SipUri();
}
