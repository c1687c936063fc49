using Azure.Data.Tables;
using MeetingLinks.Meetings;

namespace MeetingLinks.Tests.Infrastructure;

internal static class TableRows
{
    /// <summary>
    /// Writes a meeting row as the app keys it (see <see cref="MeetingIds"/>) whose <c>GuestUrls</c> column is not the
    /// JSON the app writes there, as a bug or a hand edit could leave it.
    /// </summary>
    public static async Task WriteMeetingWithUnreadableLinksAsync(AzuriteFixture azurite, string tableName, string meetingId)
    {
        if (!MeetingIds.TryParse(meetingId, out var partitionKey, out var rowKey))
        {
            throw new ArgumentException("Not a meeting id.", nameof(meetingId));
        }

        var table = new TableClient(azurite.ConnectionString, tableName);
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity(partitionKey, rowKey)
        {
            ["Kind"] = "meeting",
            ["Sub"] = Guid.NewGuid().ToString(),
            ["Status"] = "created",
            ["CreatedAt"] = DateTimeOffset.UtcNow,
            ["GuestUrls"] = "[\"https://instant.webex.com/visit/",
        });
    }
}
