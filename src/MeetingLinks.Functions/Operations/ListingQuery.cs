namespace MeetingLinks.Operations;

/// <summary>A validated listing request: UTC days <see cref="From"/>..<see cref="To"/>, newest first.</summary>
public sealed record ListingQuery(DateOnly From, DateOnly To, MeetingFilter Filter, int PageSize, ListingCursor? Cursor);

/// <summary>Where the previous page stopped: a day and the store's token within it.</summary>
public sealed record ListingCursor(DateOnly Day, string? Continuation);
