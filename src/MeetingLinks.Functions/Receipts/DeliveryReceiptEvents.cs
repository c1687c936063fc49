using System.Globalization;
using System.Text;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Events;

namespace MeetingLinks.Receipts;

/// <summary>Turns a receipt into the meeting event it reports.</summary>
public static class DeliveryReceiptEvents
{
    public const string Source = "receipt";

    public const int MaxDetailLength = 500;

    private const string KnownStatuses = "Submitted, Sent, Delivered, Read, Seen, Failed, Un-Delivered, Rejected or Expired";

    /// <summary>The event type for the receipt's deliveryStatus, or for its code when the status is missing.</summary>
    public static bool TryGetEventType(DeliveryReceipt receipt, out string eventType, out string? error)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        error = null;
        var status = receipt.DeliveryStatus;
        var found = status is null ? TypeForCode(receipt.Code?.Trim()) : TypeForStatus(status);
        eventType = found ?? string.Empty;
        if (found is null)
        {
            error = status is null
                ? $"The receipt has no deliveryStatus and its code \"{Clean(receipt.Code, 16)}\" is not 7500, 7501 or 7502."
                : $"Unknown deliveryStatus \"{Clean(status, 40)}\"; expected {KnownStatuses}.";
        }

        return found is not null;
    }

    public static MeetingEvent ToMeetingEvent(DeliveryReceipt receipt, string eventType, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new MeetingEvent(
            eventType,
            Clean(receipt.Channel, 32)?.ToLowerInvariant(),
            Clean(receipt.AdditionalInfo, MaxDetailLength) ?? Clean(receipt.Description, MaxDetailLength),
            Clean(receipt.Code, 16),
            Source,
            Clean(receipt.TransId, 128),
            ParseTimeStamp(receipt.TimeStamp) ?? receivedAt,
            receivedAt);
    }

    /// <summary>Only with an explicit offset: a bare local time would be read in the server's zone.</summary>
    public static DateTimeOffset? ParseTimeStamp(string? text)
    {
        var value = text?.Trim();
        if (value is not { Length: > 10 })
        {
            return null;
        }

        var hasOffset = value[^1] is 'Z' or 'z'
            || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':')
            || (value.Length > 5 && value[^5] is '+' or '-' && !value.AsSpan(value.Length - 4).ContainsAnyExceptInRange('0', '9'));
        return hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }

    /// <summary>
    /// Text from outside, made safe to store and show: control characters out (line breaks and
    /// tabs become spaces), trimmed, cut to <paramref name="maxLength"/>; null when nothing is left.
    /// </summary>
    public static string? Clean(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = new StringBuilder(Math.Min(text.Length, maxLength + 16));
        foreach (var c in text)
        {
            if (c is '\r' or '\n' or '\t')
            {
                cleaned.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                cleaned.Append(c);
            }
        }

        var result = cleaned.ToString().Trim();
        if (result.Length > maxLength)
        {
            // Never cut a surrogate pair in half.
            var cut = char.IsHighSurrogate(result[maxLength - 1]) ? maxLength - 1 : maxLength;
            result = result[..cut].TrimEnd();
        }

        return result.Length == 0 ? null : result;
    }

    private static string? TypeForStatus(string status)
    {
        var key = new string([.. status.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_'))]).ToUpperInvariant();
        return key switch
        {
            "SUBMITTED" or "SENT" => MeetingStatus.Sent,
            "DELIVERED" => MeetingStatus.Delivered,
            "READ" or "SEEN" => MeetingStatus.Read,
            "FAILED" or "UNDELIVERED" or "REJECTED" or "EXPIRED" => MeetingStatus.Failed,
            _ => null,
        };
    }

    private static string? TypeForCode(string? code) => code switch
    {
        "7501" => MeetingStatus.Sent,
        "7500" => MeetingStatus.Delivered,
        "7502" => MeetingStatus.Read,
        _ => null,
    };
}
