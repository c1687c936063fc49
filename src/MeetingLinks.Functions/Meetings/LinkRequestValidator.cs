namespace MeetingLinks.Meetings;

/// <summary>
/// Checks requests for links — the create, an add-links call and a reschedule — field by field, with the configured defaults
/// applied here and nowhere else: the idempotency key, how many links, when they are valid, the vertical, whether hosts sign
/// in, the experts and the visit booked ahead.
/// </summary>
public sealed partial class LinkRequestValidator(IOptions<InstantConnectOptions> brokerOptions, IOptions<Visits.VisitsOptions> visitOptions, TimeProvider time)
{
    public const int MaxParticipants = 25;
    public const int MaxKeyLength = 200;
    public const int MaxDevices = 10;
    public const int MaxExperts = 5;

    public static readonly TimeSpan MinAnswerWithin = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MaxAnswerWithin = TimeSpan.FromHours(1);

    // Clocks disagree a little; a validFrom slightly in the past is "now".
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxHorizon = TimeSpan.FromDays(366);

    private static readonly string[] Channels = ["whatsapp", "sms", "rcs", "messenger", "web", "voice", "other"];

    public Outcome<ValidatedCreate> Validate(CreateMeetingRequest request, string? idempotencyHeader)
    {
        var errors = new ValidationErrors();
        var key = Key(errors, idempotencyHeader, request.RequestId);

        var phone = errors.Phone("customer.phone", request.Customer?.Phone);
        var name = errors.Name("customer.name", request.Customer?.Name, 200);
        var channel = errors.Text("customer.channel", request.Customer?.Channel, 20)?.ToLowerInvariant();
        if (channel is not null && !Channels.Contains(channel))
        {
            errors.Add("customer.channel", $"must be one of {string.Join(", ", Channels)}.");
        }

        var reference = errors.Text("reference", request.Reference, 100);
        var subject = errors.Text("subject", request.Subject, 200);
        var (hosts, guests) = Counts(errors, request.Hosts, request.Guests, defaultHosts: 1);
        var validity = Validity(errors, request.ValidFrom, request.ExpiresAt);
        var visit = Visit(errors, request, validity);
        var vertical = Vertical(errors, request.VerticalType);
        var devices = Devices(errors, request.Devices);
        var experts = Chain(errors, request.Expert, request.Experts, hosts);
        var answerWithin = IsoDuration.Within(errors, "answerWithin", request.AnswerWithin, MinAnswerWithin, MaxAnswerWithin);
        if (request.AnswerWithin is not null && request.Expert is null && request.Experts is null)
        {
            errors.Add("answerWithin", "is how long each expert has to answer: name expert or experts too.");
        }

        return errors.Or(errors.OnlyPhone ? ProblemCodes.InvalidPhone : ProblemCodes.InvalidRequest, () => new ValidatedCreate(
            key, phone, name, channel, reference, subject, hosts, guests, validity,
            vertical, LoginUrlForHost(request.LoginUrlForHost), devices, experts, answerWithin, visit));
    }

    /// <summary>A reschedule: a new start, validated as at booking (<c>startsAt</c> is required).</summary>
    public Outcome<Visits.ValidatedReschedule> Validate(Visits.RescheduleRequest request, string? idempotencyHeader)
    {
        var errors = new ValidationErrors();
        var key = Key(errors, idempotencyHeader, request.RequestId);
        if (request.StartsAt is null)
        {
            errors.Add("startsAt", "is required: the visit's new start.");
        }

        var visit = Visit(errors, request, new LinkValidity(null, null, brokerOptions.Value.LinkLifetime));
        return errors.Or(ProblemCodes.InvalidRequest, () => new Visits.ValidatedReschedule(key, visit!));
    }

    /// <summary>By default an add-links call asks for one guest link and no host link.</summary>
    public Outcome<Links.ValidatedAddLinks> Validate(Links.AddLinksRequest request, string? idempotencyHeader)
    {
        var errors = new ValidationErrors();
        var key = Key(errors, idempotencyHeader, request.RequestId);
        var (hosts, guests) = Counts(errors, request.Hosts, request.Guests, defaultHosts: 0);
        var validity = Validity(errors, request.ValidFrom, request.ExpiresAt);
        var vertical = Vertical(errors, request.VerticalType);
        var expert = Expert(errors, request.Expert, hosts);
        return errors.Or(ProblemCodes.InvalidRequest, () => new Links.ValidatedAddLinks(
            key, hosts, guests, validity, vertical, LoginUrlForHost(request.LoginUrlForHost), expert));
    }

    /// <summary>The <c>Idempotency-Key</c> header, or else the body's <c>requestId</c>.</summary>
    private static string? Key(ValidationErrors errors, string? header, string? requestId)
        => header is { Length: > 0 }
            ? errors.Text("Idempotency-Key", header, MaxKeyLength)
            : errors.Text("requestId", requestId, MaxKeyLength);

    /// <summary>How many links of each kind: the defaults for what is left out (one guest), together 1 to 25.</summary>
    private static (int Hosts, int Guests) Counts(ValidationErrors errors, int? hosts, int? guests, int defaultHosts)
    {
        var (h, g) = (hosts ?? defaultHosts, guests ?? 1);
        if (h < 0)
        {
            errors.Add("hosts", "must not be negative.");
        }

        if (g < 0)
        {
            errors.Add("guests", "must not be negative.");
        }

        if (h >= 0 && g >= 0 && (h + g < 1 || h + g > MaxParticipants))
        {
            errors.Add(guests is null ? "hosts" : "guests", $"hosts + guests must be between 1 and {MaxParticipants}.");
        }

        return (h, g);
    }

    /// <summary>When the links are valid, in whole seconds (what the broker takes), with the configured lifetime.</summary>
    private LinkValidity Validity(ValidationErrors errors, DateTimeOffset? validFrom, DateTimeOffset? expiresAt)
    {
        var now = time.GetUtcNow();
        var lifetime = brokerOptions.Value.LinkLifetime;
        validFrom = validFrom is { } from ? WholeSeconds(from) : null;
        expiresAt = expiresAt is { } until ? WholeSeconds(until) : null;

        if (validFrom is { } start && (start < now - ClockSkew || start > now + MaxHorizon))
        {
            errors.Add("validFrom", "must be between now and 366 days from now.");
        }

        if (expiresAt is { } end)
        {
            var earliest = validFrom is { } s && s > now ? s : now;
            if (end <= earliest)
            {
                errors.Add("expiresAt", validFrom is null ? "must be in the future." : "must be in the future and after validFrom.");
            }
            else if (end > earliest + MaxHorizon)
            {
                errors.Add("expiresAt", "must be at most 366 days after the link becomes valid.");
            }
        }
        else if (validFrom is { } s && s + lifetime <= now)
        {
            errors.Add("validFrom", "is so far in the past that the default link lifetime has already ended; send expiresAt.");
        }

        return new LinkValidity(validFrom, expiresAt, lifetime);
    }

    /// <summary><c>hc</c> or <c>gen</c>; the configured one when left out.</summary>
    private string Vertical(ValidationErrors errors, string? requested)
    {
        var vertical = (errors.Text("verticalType", requested, 10) ?? brokerOptions.Value.VerticalType).ToLowerInvariant();
        if (!VerticalTypes.IsKnown(vertical))
        {
            errors.Add("verticalType", "must be \"hc\" (healthcare) or \"gen\" (general).");
        }

        return vertical;
    }

    private bool LoginUrlForHost(bool? requested) => requested ?? brokerOptions.Value.LoginUrlForHost;

    /// <summary>
    /// A visit booked ahead: <c>startsAt</c> in the future and within 366 days, <c>durationMinutes</c> 1 to 480 (30 by default),
    /// <c>reminders</c> 0 to 3 different durations before the start (<c>Visits__Reminders</c> by default), and links valid at
    /// least for the visit when the request says when they are valid. Null for a meeting that starts now.
    /// </summary>
    private Visits.Visit? Visit(ValidationErrors errors, Visits.IVisitRequest request, LinkValidity validity)
    {
        if (request.StartsAt is not { } startsAt)
        {
            foreach (var (field, given) in new[] { ("durationMinutes", request.DurationMinutes is not null), ("reminders", request.Reminders is not null) })
            {
                if (given)
                {
                    errors.Add(field, "is for a visit booked ahead: send startsAt too.");
                }
            }

            return null;
        }

        var now = time.GetUtcNow();
        startsAt = WholeSeconds(startsAt);
        if (startsAt <= now || startsAt > now + Visits.Visit.MaxAhead)
        {
            errors.Add("startsAt", "must be in the future, at most 366 days from now.");
        }

        var duration = request.DurationMinutes ?? Visits.Visit.DefaultDurationMinutes;
        if (duration is < 1 or > Visits.Visit.MaxDurationMinutes)
        {
            errors.Add("durationMinutes", $"must be from 1 to {Visits.Visit.MaxDurationMinutes}.");
        }

        var asked = Reminders(errors, request.Reminders);
        var visit = new Visits.Visit(startsAt, duration, asked ?? visitOptions.Value.DefaultReminders) { RemindersByDefault = asked is null };
        if (validity.From is { } from && from > startsAt)
        {
            errors.Add("validFrom", "must be at or before startsAt, so that the links work when the visit starts.");
        }

        if (validity.Until is { } until && until < visit.EndsAt)
        {
            errors.Add("expiresAt", "must be at or after the visit's end (startsAt + durationMinutes), so that the links work for the whole visit.");
        }

        return visit;
    }

    /// <summary>The reminders asked for, in order; null when the request names none (the setting's then apply).</summary>
    private static List<TimeSpan>? Reminders(ValidationErrors errors, IReadOnlyList<string>? reminders)
    {
        if (reminders is null)
        {
            return null;
        }

        if (reminders.Count > Visits.Visit.MaxReminders)
        {
            errors.Add("reminders", $"may list at most {Visits.Visit.MaxReminders} reminders.");
            return [];
        }

        var list = new List<TimeSpan>();
        for (var i = 0; i < reminders.Count; i++)
        {
            var field = $"reminders[{i}]";
            if (reminders[i] is null)
            {
                errors.Add(field, $"must be {IsoDuration.Expected}.");
                continue;
            }

            if (IsoDuration.Within(errors, field, reminders[i], Visits.Visit.MinReminder, Visits.Visit.MaxReminder) is not { } before)
            {
                continue;
            }

            if (list.Contains(before))
            {
                errors.Add(field, "is the same as an earlier reminder.");
                continue;
            }

            list.Add(before);
        }

        return list;
    }

    /// <summary>The expert to send the host links to, if any; there must then be a host link to send.</summary>
    private static Experts.ExpertTarget? Expert(ValidationErrors errors, Experts.ExpertRequest? expert, int hosts)
    {
        var target = Experts.ExpertTarget.From(errors, expert);
        NeedsHostLink(errors, target is not null, hosts);
        return target;
    }

    /// <summary>The experts to ask in turn: <c>expert</c> (a chain of one) or <c>experts</c> (1 to 5 different ones), not both.</summary>
    private static List<Experts.ExpertTarget> Chain(
        ValidationErrors errors, Experts.ExpertRequest? expert, IReadOnlyList<Experts.ExpertRequest>? experts, int hosts)
    {
        if (experts is null)
        {
            return Expert(errors, expert, hosts) is { } single ? [single] : [];
        }

        if (expert is not null)
        {
            errors.Add("expert", "send either expert (one) or experts (a chain), not both.");
            return [];
        }

        if (experts.Count is 0 or > MaxExperts)
        {
            errors.Add("experts", $"must list 1 to {MaxExperts} experts, in the order to ask them.");
            return [];
        }

        var chain = new List<Experts.ExpertTarget>();
        for (var i = 0; i < experts.Count; i++)
        {
            var field = $"experts[{i}]";
            if (experts[i] is null)
            {
                errors.Add(field, "must name exactly one of email, personId or roomId.");
            }
            else if (Experts.ExpertTarget.From(errors, experts[i], field) is not { } target)
            {
                // From said what is wrong with it.
            }
            else if (chain.Contains(target))
            {
                errors.Add(field, "names an expert that an earlier step names already.");
            }
            else
            {
                chain.Add(target);
            }
        }

        NeedsHostLink(errors, chain.Count > 0, hosts);
        return chain;
    }

    private static void NeedsHostLink(ValidationErrors errors, bool hasExpert, int hosts)
    {
        if (hasExpert && hosts == 0)
        {
            errors.Add("hosts", "must be at least 1 when an expert is to get the host link.");
        }
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());

    private static List<string> Devices(ValidationErrors errors, IReadOnlyList<string>? devices)
    {
        if (devices?.Count > MaxDevices)
        {
            errors.Add("devices", $"may list at most {MaxDevices} devices.");
            return [];
        }

        var result = new List<string>();
        for (var i = 0; i < devices?.Count; i++)
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
