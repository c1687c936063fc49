namespace MeetingLinks.Meetings.Storage;

public sealed class TablesOptions
{
    public const string Section = "Tables";

    /// <summary>Used when <see cref="ServiceUri"/> is not set.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The table endpoint for managed identity, e.g. https://account.table.core.windows.net.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity used with <see cref="ServiceUri"/>.</summary>
    public string? ClientId { get; set; }

    [Required(ErrorMessage = "Tables__TableName must be set.")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Tables__TableName must be 3-63 letters or digits, starting with a letter.")]
    public string TableName { get; set; } = "meetings";

    /// <summary>Per storage request, so an unresponsive store fails inside the create budget.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Tables__RequestTimeout must be between 0.1 and 60 seconds.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);

    [Range(0, 5, ErrorMessage = "Tables__MaxRetries must be between 0 and 5.")]
    public int MaxRetries { get; set; } = 2;
}
