using System.Text.RegularExpressions;
using MeetingLinks.InstantConnect;
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

    public ValidationOutcome Validate(CreateMeetingRequest request, string? idempotencyHeader)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        var options = brokerOptions.Value;
        var now = time.GetUtcNow();

        var key = idempotencyHeader is { Length: > 0 }
            ? Text(errors, "Idempotency-Key", idempotencyHeader, MaxKeyLength)
            : Text(errors, "requestId", request.RequestId, MaxKeyLength);

        string? phone = null;
        var rawPhone = Text(errors, "customer.phone", request.Customer?.Phone, 40);
        if (rawPhone is not null)
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

        var name = Text(errors, "customer.name", request.Customer?.Name, 200);
        var channel = Text(errors, "customer.channel", request.Customer?.Channel, 20)?.ToLowerInvariant();
        if (channel is not null && !Channels.Contains(channel))
        {
            errors.Add("customer.channel", $"must be one of {string.Join(", ", Channels)}.");
        }

        var reference = Text(errors, "reference", request.Reference, 100);
        var subject = Text(errors, "subject", request.Subject, 200);

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

        var (validFrom, expiresAt) = Dates(errors, request.ValidFrom, request.ExpiresAt, now, options.LinkLifetime);

        var vertical = (Text(errors, "verticalType", request.VerticalType, 10) ?? options.VerticalType).ToLowerInvariant();
        if (vertical is not ("hc" or "gen"))
        {
            errors.Add("verticalType", "must be \"hc\" (healthcare) or \"gen\" (general).");
        }

        var devices = Devices(errors, request.Devices);

        return errors.Count > 0
            ? ValidationOutcome.Invalid(errors)
            : ValidationOutcome.Valid(new ValidatedCreate(
                key, phone, name, channel, reference, subject, hosts, guests, validFrom, expiresAt,
                vertical, request.LoginUrlForHost ?? options.LoginUrlForHost, devices));
    }

    private static (DateTimeOffset? ValidFrom, DateTimeOffset? ExpiresAt) Dates(
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

        return (validFrom, expiresAt);
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
            var device = Text(errors, field, devices[i], 256);
            if (device is null)
            {
                errors.Add(field, "must be a SIP URI such as room@example.webex.com.");
            }
            else if (!SipUri().IsMatch(device))
            {
                errors.Add(field, "must be a SIP URI such as room@example.webex.com.");
            }
            else
            {
                result.Add(device);
            }
        }

        return result;
    }

    /// <summary>Trims; null for absent or blank; an error for control characters or too many characters.</summary>
    private static string? Text(ValidationErrors errors, string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors.Add(field, $"must be at most {maxLength} characters.");
            return null;
        }

        if (trimmed.Any(char.IsControl))
        {
            errors.Add(field, "must not contain control characters.");
            return null;
        }

        return trimmed;
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset value)
        => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());

    [GeneratedRegex(@"^(sip:)?[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex SipUri();
}
