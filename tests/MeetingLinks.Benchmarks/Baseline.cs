using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MeetingLinks.DevHost.StandIns;
using MeetingLinks.InstantConnect;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Create;
using MeetingLinks.Meetings.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingLinks.Benchmarks;

/// <summary>
/// The unavoidable work of one create, done directly with the app's own clients and no service in
/// between: the idempotency claim, the phone number's entry (so erasure can find the meeting), the
/// pending record (the sub stored before the broker call), the broker round trip, and the record
/// updated with the links under If-Match. The broker is the development host's stand-in over loopback, as the
/// service reaches it.
/// </summary>
internal sealed class Baseline : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly StandInServer _standIn;
    private readonly TableClient _table;
    private readonly IInstantConnectClient _broker;

    private Baseline(ServiceProvider services, StandInServer standIn)
    {
        _services = services;
        _standIn = standIn;
        _table = services.GetRequiredService<TableClient>();
        _broker = services.GetRequiredService<IInstantConnectClient>();
    }

    public static async Task<Baseline> CreateAsync(string storage, string table, TimeSpan brokerLatency)
    {
        var standIn = await StandInServer.StartAsync(
            "http://127.0.0.1:0", broker: true, messages: false, connect: false, new StandInOptions { Latency = brokerLatency }, CancellationToken.None);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tables:ConnectionString"] = storage,
            ["Tables:TableName"] = table,
            ["InstantConnect:BaseUrl"] = standIn.BaseAddress.AbsoluteUri,
            ["InstantConnect:BotToken"] = "sandbox",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddInstantConnect()
            .AddMeetings()
            .BuildServiceProvider();
        var baseline = new Baseline(services, standIn);
        await baseline._table.CreateIfNotExistsAsync();
        return baseline;
    }

    public async Task<bool> CreateOnceAsync(int sequence)
    {
        try
        {
            var now = DateTimeOffset.UtcNow;
            var record = new MeetingRecord
            {
                MeetingId = MeetingIds.New(now),
                Sub = MeetingIds.NewSub(),
                CreatedAt = now,
                UpdatedAt = now,
                Status = MeetingStatus.Pending,
                Reference = "BENCH",
                CustomerName = "Bench",
                CustomerPhone = "+15551234567",
                ValidFrom = now,
                ExpiresAt = now.AddDays(1),
                VerticalType = "hc",
            };
            var key = RequestFingerprint.OfKey("baseline-" + sequence.ToString(CultureInfo.InvariantCulture) + "-" + record.Sub);
            await _table.AddEntityAsync(MeetingEntityMapper.ToEntity(new IdempotencyClaim(
                key, key, record.MeetingId, record.Sub, now, now.AddDays(1), IsNew: true)));
            await _table.UpsertEntityAsync(PhoneIndex.Entry(record.CustomerPhone, record.MeetingId), TableUpdateMode.Replace);
            var added = await _table.AddEntityAsync(MeetingEntityMapper.ToEntity(record));
            if (!(await _broker.CreateLinksAsync(
                new MeetingLinkRequest(record.Sub, null, record.ExpiresAt, 1, 1, "hc", false, []), CancellationToken.None)).TryGet(out var links, out _))
            {
                return false;
            }

            var created = record with
            {
                Status = MeetingStatus.Created,
                Links = [.. IssuedLink.From(links, record.ValidFrom, record.ExpiresAt, DateTimeOffset.UtcNow, IssuedLink.CreateBatch)],
            };
            await _table.UpdateEntityAsync(MeetingEntityMapper.ToEntity(created), added.Headers.ETag ?? ETag.All, TableUpdateMode.Replace);
            return true;
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _standIn.DisposeAsync();
    }
}
