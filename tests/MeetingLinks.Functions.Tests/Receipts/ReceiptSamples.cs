namespace MeetingLinks.Tests.Receipts;

/// <summary>
/// Bodies shaped like Webex Connect's documented delivery notifications. Numbers, ids and error
/// texts are made up; the failure code is illustrative only.
/// </summary>
internal static class ReceiptSamples
{
    public const string WhatsAppNumber = "15551234567";

    public static string WhatsApp(string correlationId, string status = "Delivered", string code = "7500", string transId = "wa-8f14e45f-ceea-467f")
        => $$"""
        {
          "deliveryInfoNotification": {
            "deliveryInfo": {
              "code": "{{code}}",
              "description": "{{status}}",
              "deliveryStatus": "{{status}}",
              "deliveryChannel": "whatsapp",
              "destination": "{{WhatsAppNumber}}",
              "timeStamp": "2021-02-04T12:37:05.378+05:30"
            },
            "transid": "{{transId}}",
            "correlationid": "{{correlationId}}",
            "callbackData": "ref=CASE-123"
          }
        }
        """;

    /// <summary>Read, with the code as a number and the ids at the top level, next to the envelope.</summary>
    public static string WhatsAppReadFlat(string correlationId) => $$"""
        {
          "deliveryInfoNotification": {
            "deliveryInfo": {
              "code": 7502,
              "deliveryStatus": "Read",
              "deliveryChannel": "WhatsApp",
              "destination": "{{WhatsAppNumber}}",
              "timeStamp": "2021-02-04T12:39:41.002+05:30",
            },
          },
          "transid": "wa-8f14e45f-ceea-467f",
          "correlationid": "{{correlationId}}",
        }
        """;

    public static string WhatsAppFailed(string correlationId) => $$"""
        {
          "deliveryInfoNotification": {
            "deliveryInfo": {
              "code": "7505",
              "deliveryStatus": "Failed",
              "deliveryChannel": "whatsapp",
              "destination": "{{WhatsAppNumber}}",
              "timeStamp": "2021-02-04T12:37:06.120+05:30",
              "additionalInfo": "(#131026) Message undeliverable:\nreceiver is incapable of receiving this message"
            },
            "transid": "wa-c9f0f895-fb98-4b1b",
            "correlationid": "{{correlationId}}"
          }
        }
        """;

    /// <summary>SMS: upper-case channel, <c>Description</c> with a capital, carrier and subtid, and a trailing comma.</summary>
    public static string SmsDelivered(string correlationId, string callbackData = "") => $$"""
        {
          "deliveryInfoNotification": {
            "deliveryInfo": {
              "deliveryChannel": "SMS",
              "destination": "+{{WhatsAppNumber}}",
              "deliveryStatus": "Delivered",
              "code": "7500",
              "Description": "Delivered to handset",
              "timeStamp": "2021-02-04T12:37:09.511+05:30"
            },
            "transid": "sms-45c48cce-2e2d-7fbd",
            "subtid": "1",
            "correlationid": "{{correlationId}}",
            "callbackData": "{{callbackData}}",
            "carrier": "Example Mobile",
          }
        }
        """;
}
