namespace MeetingLinks.Receipts;

/// <summary>Settings of the delivery-receipt route (<c>Receipts__*</c>).</summary>
public sealed class ReceiptsOptions
{
    public const string Section = "Receipts";

    /// <summary>Connect's notifications are a few hundred bytes; anything near this is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// The Webex Connect Outbound Webhook's secret, to check <c>x-hub-signature</c>: set it from Key Vault or app settings, never in a
    /// file. Unset: only a flow key is accepted.
    /// </summary>
    public string? HubSecret { get; set; }
}
