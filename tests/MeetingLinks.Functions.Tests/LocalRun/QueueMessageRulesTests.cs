using System.Text;
using Azure.Storage.Queues;
using MeetingLinks.LocalRun.Queues;

namespace MeetingLinks.Tests.LocalRun;

public sealed class QueueMessageRulesTests
{
    private const int MaxDequeueCount = 5;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_failed_message_with_attempts_left_is_released(long dequeueCount)
    {
        var step = QueueMessageRules.After(succeeded: false, dequeueCount, MaxDequeueCount, hasPoisonQueue: true);

        Assert.Equal(QueueMessageStep.Release, step);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void A_failed_message_moves_to_the_poison_queue_once_it_has_had_max_dequeue_count_attempts(long dequeueCount)
    {
        var step = QueueMessageRules.After(succeeded: false, dequeueCount, MaxDequeueCount, hasPoisonQueue: true);

        Assert.Equal(QueueMessageStep.MoveToPoison, step);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(3, false)]
    public void A_handled_message_is_deleted(long dequeueCount, bool hasPoisonQueue)
    {
        var step = QueueMessageRules.After(succeeded: true, dequeueCount, MaxDequeueCount, hasPoisonQueue);

        Assert.Equal(QueueMessageStep.Delete, step);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_failed_message_on_a_poison_queue_is_left_hidden(long dequeueCount)
    {
        var step = QueueMessageRules.After(succeeded: false, dequeueCount, MaxDequeueCount, hasPoisonQueue: false);

        Assert.Equal(QueueMessageStep.LeaveHidden, step);
    }

    [Fact]
    public void A_readable_message_with_attempts_left_runs()
    {
        Assert.Equal(QueueMessageStep.Invoke, QueueMessageRules.Before(decoded: true, dequeueCount: 5, MaxDequeueCount, hasPoisonQueue: true));
    }

    [Fact]
    public void A_message_received_more_often_than_max_dequeue_count_goes_to_the_poison_queue_unrun()
    {
        Assert.Equal(QueueMessageStep.MoveToPoison, QueueMessageRules.Before(decoded: true, dequeueCount: 6, MaxDequeueCount, hasPoisonQueue: true));
        Assert.Equal(QueueMessageStep.LeaveHidden, QueueMessageRules.Before(decoded: true, dequeueCount: 6, MaxDequeueCount, hasPoisonQueue: false));
    }

    [Fact]
    public void A_message_that_cannot_be_decoded_goes_to_the_poison_queue_unrun()
    {
        Assert.Equal(QueueMessageStep.MoveToPoison, QueueMessageRules.Before(decoded: false, dequeueCount: 1, MaxDequeueCount, hasPoisonQueue: true));
    }

    [Fact]
    public void Base64_text_is_decoded_as_utf8()
    {
        const string Text = """{"meetingId":"m-ü1","batch":"2"}""";
        var stored = Convert.ToBase64String(Encoding.UTF8.GetBytes(Text));

        Assert.Equal(Text, QueueMessageRules.Decode(stored, QueueMessageEncoding.Base64));
    }

    [Fact]
    public void Text_that_is_not_base64_cannot_be_decoded_when_base64_is_configured()
    {
        Assert.Null(QueueMessageRules.Decode("""{"meetingId":"m1"}""", QueueMessageEncoding.Base64));
    }

    [Fact]
    public void Without_an_encoding_the_stored_text_is_the_message()
    {
        Assert.Equal("plain text", QueueMessageRules.Decode("plain text", QueueMessageEncoding.None));
    }

    [Theory]
    [InlineData("expert-notifications", "expert-notifications-poison")]
    [InlineData("expert-notifications-poison", null)]
    [InlineData("a-queue-name-so-long-that-adding-the-suffix-breaks-the-63-limit", null)]
    public void The_poison_queue_is_the_queue_name_with_a_suffix_unless_it_is_one_already(string queue, string? poison)
    {
        Assert.Equal(poison, QueueMessageRules.PoisonQueueOf(queue));
    }
}
