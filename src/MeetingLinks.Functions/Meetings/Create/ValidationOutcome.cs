using MeetingLinks.Http;

namespace MeetingLinks.Meetings.Create;

/// <summary>Per-field messages, keyed by the field's JSON path.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    /// <summary>True when the phone number is the only thing wrong: the flow gets <c>invalid_phone</c>.</summary>
    public bool OnlyPhone { get; private set; } = true;

    public void Add(string field, string message, bool isPhone = false)
    {
        OnlyPhone &= isPhone;
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public ProblemResult ToProblem()
        => Problems.Validation(
            OnlyPhone ? "invalid_phone" : "invalid_request",
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}

public sealed class ValidationOutcome
{
    private ValidationOutcome(ValidatedCreate? request, ValidationErrors? errors)
    {
        Request = request;
        Errors = errors;
    }

    public ValidatedCreate? Request { get; }

    public ValidationErrors? Errors { get; }

    public static ValidationOutcome Valid(ValidatedCreate request) => new(request, null);

    public static ValidationOutcome Invalid(ValidationErrors errors) => new(null, errors);
}
