using MeetingLinks.Health;

namespace MeetingLinks.Http;

/// <summary>
/// The API's JSON, by the web defaults: camelCase, names matched without regard to case, and numbers also read from
/// strings, because flow authors often quote a substituted variable.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(StrictDateTimeOffsetConverter)])]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(MeetingLinks.Meetings.Links.AddLinksRequest))]
[JsonSerializable(typeof(MeetingLinks.Meetings.Erasure.EraseCustomerRequest))]
[JsonSerializable(typeof(MeetingLinks.Meetings.Erasure.ErasureReport))]
[JsonSerializable(typeof(MeetingLinks.Experts.NotifyRequest))]
[JsonSerializable(typeof(MeetingLinks.Experts.NotifyAnswer))]
[JsonSerializable(typeof(MeetingLinks.Webex.WebhookAnswer))]
[JsonSerializable(typeof(CreateMeetingRequest))]
[JsonSerializable(typeof(MeetingLinksResponse))]
[JsonSerializable(typeof(MeetingRecord))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(MeetingLinks.Operations.PurgeReport))]
[JsonSerializable(typeof(MeetingLinks.Meetings.Events.ReportEventRequest))]
[JsonSerializable(typeof(MeetingLinks.Meetings.Events.ReportEventResponse))]
[JsonSerializable(typeof(MeetingLinks.Operations.MeetingPage))]
[JsonSerializable(typeof(MeetingLinks.Operations.Summary.DaySummary))]
[JsonSerializable(typeof(MeetingLinks.Meetings.Visits.CancelRequest))]
[JsonSerializable(typeof(MeetingLinks.Meetings.Visits.RescheduleRequest))]
[JsonSerializable(typeof(MeetingLinks.Meetings.Visits.CancelAnswer))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
