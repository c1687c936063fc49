using System.Text.RegularExpressions;
using MeetingLinks.InstantConnect;
using MeetingLinks.Outcomes;
using MeetingLinks.Validation;
using Microsoft.Extensions.Options;

namespace MeetingLinks.Meetings.Create;

/// <summary>Checks a create request field by field and applies the configured defaults.</summary>
public sealed partial class CreateMeetingValidator(IOptions<InstantConnectOptions> brokerOptions, TimeProvider time)
{
    public const int MaxParticipants = 25;
    public const int MaxDevices = 10;
    public const int MaxKeyLength = 200;

    // Clocks disagree a little; a validFrom slightly in the past is "now".
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxHorizon = TimeSpan.FromDays(366);
    private static readonly string[] Channels = ["whatsapp", "sms", "rcs", "messenger", "web", "voice", "other"];

    public Outcome<ValidatedCreate> Validate(CreateMeetingRequest request, string? idempotencyHeader)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        var options = brokerOptions.Value;
        var now = time.GetUtcNow();

        var key = idempotencyHeader is { Length: > 0 }
            ? errors.Text("Idempotency-Key", idempotencyHeader, MaxKeyLength)
            : errors.Text("requestId", request.RequestId, MaxKeyLength);

        string? phone = null;
        if (errors.Text("customer.phone", request.Customer?.Phone, 40) is { } rawPhone)
        {
            if (PhoneNumberNormalizer.TryNormalize(rawPhone, out var e164))
            {
                phone = e164;
            }
            else
            {
                errors.Add("customer.phone", "is not a phone number; send it in international form, with or without '+' (e.g. +15551234567).", isPhone: true);
            }
        }

        var name = errors.Text("customer.name", request.Customer?.Name, 200);
        var channel = errors.Text("customer.channel", request.Customer?.Channel, 20)?.ToLowerInvariant();
        if (channel is not null && !Channels.Contains(channel))
        {
            errors.Add("customer.channel", $"must be one of {string.Join(", ", Channels)}.");
        }

        var reference = errors.Text("reference", request.Reference, 100);
        var subject = errors.Text("subject", request.Subject, 200);

        var hosts = request.Hosts ?? 1;
        var guests = request.Guests ?? 1;
        if (hosts < 0)
        {
            errors.Add("hosts", "must not be negative.");
        }

        if (guests < 0)
        {
            errors.Add("guests", "must not be negative.");
        }

        if (hosts >= 0 && guests >= 0 && (hosts + guests < 1 || hosts + guests > MaxParticipants))
        {
            errors.Add(request.Guests is null ? "hosts" : "guests", $"hosts + guests must be between 1 and {MaxParticipants}.");
        }

        var validity = Validity(errors, request.ValidFrom, request.ExpiresAt, now, options.LinkLifetime);

        var vertical = (errors.Text("verticalType", request.VerticalType, 10) ?? options.VerticalType).ToLowerInvariant();
        if (!VerticalTypes.IsKnown(vertical))
        {
            errors.Add("verticalType", "must be \"hc\" (healthcare) or \"gen\" (general).");
        }

        var devices = Devices(errors, request.Devices);

        return errors.Or(errors.OnlyPhone ? "invalid_phone" : "invalid_request", () => new ValidatedCreate(
            key, phone, name, channel, reference, subject, hosts, guests, validity,
            vertical, request.LoginUrlForHost ?? options.LoginUrlForHost, devices));
    }

    private static LinkValidity Validity(
        ValidationErrors errors, DateTimeOffset? validFrom, DateTimeOffset? expiresAt, DateTimeOffset now, TimeSpan lifetime)
    {
        // The broker takes whole Unix seconds; keep what we store and answer equal to what it got.
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

    private static DateTimeOffset WholeSeconds(DateTimeOffset value)
        => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());

    [GeneratedRegex(@"^(sip:)?[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex SipUri();
}
