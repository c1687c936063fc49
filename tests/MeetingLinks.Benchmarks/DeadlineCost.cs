using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MeetingLinks.DevHost.Storage;
using MeetingLinks.Experts;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Notifications;
using Microsoft.Extensions.Configuration;

namespace MeetingLinks.Benchmarks;

/// <summary>
/// What a chain's deadline adds to a create's answer, measured directly against a fresh Azurite with the app's own parts.
/// Around the record change that stores the links, a create with a chain writes the index of open work in one transaction
/// (a row for the first step's card, a row for its deadline) and then puts the card and the deadline on the queue at once
/// (the deadline invisible until due, never expiring). Here those requests run alone, with and without the deadline, each
/// run with it between two runs without. The record change is left out: it is the same request either way. No create the
/// app accepts can be measured without the deadline (a single <c>expert</c> is a chain of one, with a deadline of its own),
/// hence this measurement rather than a run of the service. What the deadline costs later, when it surfaces (queue get and
/// delete, a read of the record, and the change that passes the visit on if the step still waits), is not on the answer's path.
/// The 8 callers call back to back and keep Azurite saturated: what the deadline adds there is its share of Azurite's time.
/// </summary>
internal static class DeadlineCost
{
    // Cheap beside the rest of the run: three runs of at most this long for each number of callers.
    private static readonly TimeSpan LongestRun = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LongestWarmUp = TimeSpan.FromSeconds(1);
    private static readonly int[] Callers = [1, 8];

    private const string Card = "card";
    private const string WithDeadline = "card+deadline";

    public static async Task RunAsync(BenchmarkOptions options, Func<Task<AzuriteProcess>> startAzurite)
    {
        var duration = options.Duration < LongestRun ? options.Duration : LongestRun;
        var warmUp = options.WarmUp < LongestWarmUp ? options.WarmUp : LongestWarmUp;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Deadline: what a create with a chain writes and queues for its first step, without and with the step's deadline, on a fresh Azurite ({duration.TotalSeconds:0} s per run after {warmUp.TotalSeconds:0} s warm-up)"));

        await using var azurite = await startAzurite();
        var table = new TableClient(azurite.ConnectionString, "deadline" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync();

        // The app's outbox, as the worker builds it: the queue of the send function, host.json's encoding, timers never expiring.
        var outbox = new NotificationOutbox(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString }).Build(),
            TimeProvider.System);
        var answerWithin = new ExpertsOptions().DefaultAnswerWithin;

        var rows = new List<(int Callers, LatencyStats Card, LatencyStats WithDeadline, LatencyStats CardAfter)>();
        foreach (var callers in Callers)
        {
            var before = await MeasureAsync(Card, callers, () => OpenWorkAsync(table, outbox, null));
            var with = await MeasureAsync(WithDeadline, callers, () => OpenWorkAsync(table, outbox, answerWithin));
            var after = await MeasureAsync(Card, callers, () => OpenWorkAsync(table, outbox, null));
            rows.Add((callers, before, with, after));
        }

        Console.WriteLine();
        Console.WriteLine("callers  card p50 ms  card+deadline p50 ms  deadline adds p50 ms  card p99 ms  card+deadline p99 ms   (card: the mean of the runs before and after)");
        foreach (var (callers, before, with, after) in rows)
        {
            var cardP50 = (before.Percentile(50) + after.Percentile(50)) / 2;
            var cardP99 = (before.Percentile(99) + after.Percentile(99)) / 2;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{callers,7}  {cardP50,11:0.00}  {with.Percentile(50),20:0.00}  {with.Percentile(50) - cardP50,20:0.00}  {cardP99,11:0.00}  {with.Percentile(99),20:0.00}"));
        }

        async Task<LatencyStats> MeasureAsync(string kind, int callers, Func<Task<bool>> operation)
        {
            var stats = await LoadRunner.RunAsync(callers, warmUp, duration, _ => operation());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind,-14} conc {callers,3}: {stats.Throughput,7:0.0} req/s  p50 {stats.Percentile(50),6:0.00} ms  p95 {stats.Percentile(95),6:0.00} ms  p99 {stats.Percentile(99),6:0.00} ms  errors {stats.Errors,4} of {stats.Requests,6}"));
            return stats;
        }
    }

    /// <summary>
    /// The first step's open work for a new meeting, as the app stores and queues it: the card, and with
    /// <paramref name="deadlineIn"/> the deadline due then.
    /// </summary>
    private static async Task<bool> OpenWorkAsync(TableClient table, INotificationOutbox outbox, TimeSpan? deadlineIn)
    {
        var now = DateTimeOffset.UtcNow;
        var meetingId = MeetingIds.New(now);

        // The first step's id is its batch's (ExpertNotification.Id); its card and its deadline go by it.
        List<NotificationMessage> work = [new(meetingId, ExpertMessages.KindName, IssuedLink.CreateBatch)];
        if (deadlineIn is { } wait)
        {
            work.Add(new(meetingId, ExpertDeadlines.KindName, IssuedLink.CreateBatch, now + wait));
        }

        try
        {
            // As the store writes the rows before the change (one transaction; a timer's row is open from when it is due)…
            await table.SubmitTransactionAsync(work.Select(w =>
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, OpenWorkIndex.Entry(w, w.DueAt ?? now))));

            // …and as the create queues the work after it: every put at once.
            await outbox.QueueAsync(work, CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is RequestFailedException or StorageUnavailableException)
        {
            return false;
        }
    }
}
