namespace MeetingLinks.Access;

/// <summary>The API-key role an HTTP function needs; middleware checks it before the function runs.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresRoleAttribute(ApiRole role) : Attribute
{
    public ApiRole Role { get; } = role;
}
