namespace LlmIngest.Capture;

/// <summary>What a failure was (<see cref="ErrorTypes"/>), its HTTP status when known, and what usually fixes it.</summary>
internal readonly record struct ErrorDiagnosis(string Category, int? Status, string[] Suggestions);
