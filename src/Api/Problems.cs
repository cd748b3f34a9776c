using Microsoft.AspNetCore.Http;

namespace PoQ.Api;

/// <summary>The API's RFC 7807 answers, one place so every error body has the same shape.</summary>
internal static class Problems
{
    public static IResult NotFound(string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound, type: "https://www.rfc-editor.org/rfc/rfc9110#name-404-not-found");

    public static IResult BadRequest(string detail) =>
        Results.Problem(title: "bad request", detail: detail, statusCode: StatusCodes.Status400BadRequest, type: "https://www.rfc-editor.org/rfc/rfc9110#name-400-bad-request");

    public static IResult Unavailable(string detail) =>
        Results.Problem(title: "event store unavailable", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, type: "https://www.rfc-editor.org/rfc/rfc9110#name-503-service-unavailable");
}
