using MeetingLinks.Experts;
using MeetingLinks.Notifications;
using MeetingLinks.Validation;

namespace MeetingLinks.Tests.Experts;

public class ExpertTargetTests
{
    [Theory]
    [InlineData("jane.expert@example.com", null, null, "email", "email j***@example.com")]
    [InlineData(null, "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xMjM0", null, "personId", "personId Y2lzY2…MjM0")]
    [InlineData(null, null, "Y2lzY29zcGFyazovL3VzL1JPT00vYWJjZA==", "roomId", "roomId Y2lzY2…ZA==")]
    public void Exactly_one_address_names_the_expert_and_shows_masked(string? email, string? personId, string? roomId, string kind, string masked)
    {
        var errors = new ValidationErrors();

        var target = ExpertTarget.From(errors, new ExpertRequest { Email = email, PersonId = personId, RoomId = roomId });

        Assert.Equal(0, errors.Count);
        Assert.Equal(kind, target!.Kind);
        Assert.Equal(masked, target.Masked);
    }

    [Theory]
    [InlineData(null, null, null, "expert")]
    [InlineData("a@example.com", "Y2lz", null, "expert")]
    [InlineData("not an email", null, null, "expert.email")]
    [InlineData(null, "has spaces in it", null, "expert.personId")]
    [InlineData(null, null, "a\u202Eb", "expert.roomId")]
    public void Anything_else_is_refused_naming_the_field(string? email, string? personId, string? roomId, string field)
    {
        var errors = new ValidationErrors();

        var target = ExpertTarget.From(errors, new ExpertRequest { Email = email, PersonId = personId, RoomId = roomId });

        Assert.Null(target);
        Assert.Contains(field, errors.Or("invalid_request", () => "unused").Failure!.Errors!.Keys);
    }
}
