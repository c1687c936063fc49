using System.Text;
using MeetingLinks.Http;
using MeetingLinks.Meetings;
using MeetingLinks.Meetings.Events;
using MeetingLinks.Meetings.Storage;
using MeetingLinks.Receipts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace MeetingLinks.Tests.Receipts;

/// <summary>What Webex Connect is told when storage fails or is slow: 503, so it sends the receipt again.</summary>
public class DeliveryReceiptHandlerTests
{
    private const string MeetingId = "20261125-51299877-k3j7xq2a";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(ReceiptSamples.WhatsApp(MeetingId));

    private readonly IMeetingStore _store = Substitute.For<IMeetingStore>();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    private DeliveryReceiptHandler CreateHandler() => new(
        new MeetingEventRecorder(_store, _time, NullLogger<MeetingEventRecorder>.Instance),
        _time,
        Options.Create(new MeetingsOptions { StorageRetryAfter = TimeSpan.FromSeconds(7) }),
        NullLogger<DeliveryReceiptHandler>.Instance);

    [Fact]
    public async Task Storage_that_cannot_be_reached_is_left_to_the_function_guard()
    {
        _store.AddEventAsync(MeetingId, Arg.Any<MeetingEvent>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new StorageUnavailableException("down"));

        await Assert.ThrowsAsync<StorageUnavailableException>(() => CreateHandler().HandleAsync(Body, CancellationToken.None));
    }

    [Fact]
    public async Task Storage_that_does_not_answer_within_the_budget_is_503()
    {
        _store.AddEventAsync(MeetingId, Arg.Any<MeetingEvent>(), Arg.Any<CancellationToken>())
            .Returns(call => WaitForCancellationAsync(call.Arg<CancellationToken>()));

        var handling = CreateHandler().HandleAsync(Body, CancellationToken.None);
        Assert.False(handling.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(8));
        var problem = (await handling).Failure!.ToProblem();

        Assert.Equal((503, "storage_unavailable"), (problem.StatusCode, problem.Problem.Code));
        Assert.Equal(TimeSpan.FromSeconds(7), problem.RetryAfter);
    }

    [Fact]
    public async Task A_caller_that_goes_away_is_not_answered()
    {
        using var gone = new CancellationTokenSource();
        _store.AddEventAsync(MeetingId, Arg.Any<MeetingEvent>(), Arg.Any<CancellationToken>())
            .Returns(call => WaitForCancellationAsync(call.Arg<CancellationToken>()));

        var handling = CreateHandler().HandleAsync(Body, gone.Token);
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handling);
    }

    private static async Task<(MeetingRecord, bool)?> WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return null;
    }
}
