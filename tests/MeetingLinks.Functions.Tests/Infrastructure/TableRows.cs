using Azure.Data.Tables;

namespace MeetingLinks.Tests.Infrastructure;

internal static class TableRows
{
    public static async Task<int> CountMeetingsAsync(AzuriteFixture azurite, string tableName)
    {
        var table = new TableClient(azurite.ConnectionString, tableName);
        var count = 0;
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(filter: "Kind eq 'meeting'", select: ["Kind"]))
            {
                count++;
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The app never touched storage: no table, no rows.
        }

        return count;
    }
}
