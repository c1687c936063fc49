using MeetingLinks.InstantConnect;
using MeetingLinks.Outcomes;

namespace MeetingLinks.Tests.InstantConnect;

/// <summary>What a broker call came to, for tests that expect one or the other.</summary>
internal static class BrokerOutcomes
{
    /// <summary>The links; fails the test with the failure's detail when the call failed.</summary>
    public static MeetingLinkSet Links(this Outcome<MeetingLinkSet> outcome)
    {
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }

    /// <summary>The failure of a call that was to fail; fails the test when links came.</summary>
    public static async Task<Failure> FailureOfAsync(Func<Task<Outcome<MeetingLinkSet>>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var outcome = await call();
        Assert.False(outcome.Succeeded, "The broker call gave links.");
        return outcome.Failure;
    }
}
