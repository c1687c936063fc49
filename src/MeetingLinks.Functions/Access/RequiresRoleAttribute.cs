namespace MeetingLinks.Access;

/// <summary>
/// The API-key role an HTTP function needs. The check runs before the function, the same way under
/// the Functions host (worker middleware) and in a local run, so no function repeats it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresRoleAttribute(ApiRole role) : Attribute
{
    public ApiRole Role { get; } = role;
}
