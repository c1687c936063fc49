using MeetingLinks.Meetings.Visits;
using MeetingLinks.Operations;
using MeetingLinks.Receipts;

namespace MeetingLinks.Hosting;

public static class AppServices
{
    public static IServiceCollection AddMeetingLinks(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        // The roles HttpFunctionGuardMiddleware checks around every HTTP function.
        services.AddSingleton(new FunctionCatalog(typeof(AppServices).Assembly));

        // Results written by the functions use the app's source-generated JSON contract.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            o.SerializerOptions.Converters.Add(new StrictDateTimeOffsetConverter());
        });

        services.AddAccess();         // x-api-key per role: flow, ops
        services.AddInstantConnect(); // the broker client
        services.AddMeetings();       // create and read meetings in Table Storage, record events
        services.AddReceipts();       // Webex Connect delivery receipts on /api/receipts
        services.AddOperations();     // list, export, sum up a day and purge records
        services.AddExperts();        // the expert's link in Webex and answer, events to the flow, from a storage queue
        services.AddVisits();         // visits booked ahead: their reminders to the flow
        return services;
    }
}
