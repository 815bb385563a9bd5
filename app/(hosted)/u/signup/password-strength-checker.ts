// zxcvbn-ts, set up once: the language-independent dictionaries (common passwords, names, ...)
// and keyboard graphs of @zxcvbn-ts/language-common, with English feedback written here (the
// English language pack is not a dependency). Loaded on demand by password-strength.tsx: the
// dictionaries weigh about a megabyte and only the signup page needs them.
import { ZxcvbnFactory, type TranslationKeys } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

const translations: TranslationKeys = {
  warnings: {
    straightRow: "Straight rows of keys on your keyboard are easy to guess.",
    keyPattern: "Short keyboard patterns are easy to guess.",
    simpleRepeat: "Repeated characters like “aaa” are easy to guess.",
    extendedRepeat: "Repeated patterns like “abcabcabc” are easy to guess.",
    sequences: "Common sequences like “abc” are easy to guess.",
    recentYears: "Recent years are easy to guess.",
    dates: "Dates are easy to guess.",
    topTen: "This is one of the most used passwords.",
    topHundred: "This is a very frequently used password.",
    common: "This is a commonly used password.",
    similarToCommon: "This is similar to a commonly used password.",
    wordByItself: "Single words are easy to guess.",
    namesByThemselves: "Single names or surnames are easy to guess.",
    commonNames: "Common names and surnames are easy to guess.",
    userInputs: "Avoid your email address or username in your password.",
    pwned: "This password was exposed in a data breach.",
  },
  suggestions: {
    l33t: "Avoid predictable letter substitutions like “@” for “a”.",
    reverseWords: "Avoid reversed spellings of common words.",
    allUppercase: "Capitalize some, but not all, letters.",
    capitalization: "Capitalize more than the first letter.",
    dates: "Avoid dates and years that are associated with you.",
    recentYears: "Avoid recent years.",
    associatedYears: "Avoid years that are associated with you.",
    sequences: "Avoid common character sequences.",
    repeated: "Avoid repeated words and characters.",
    longerKeyboardPattern: "Use longer keyboard patterns and change typing direction several times.",
    anotherWord: "Add more words that are less common.",
    useWords: "Use several words, but avoid common phrases.",
    noNeed: "You can create strong passwords without symbols, numbers or upper case letters.",
    pwned: "If you use this password elsewhere, change it.",
  },
  timeEstimation: {
    ltSecond: "less than a second",
    second: "{base} second",
    seconds: "{base} seconds",
    minute: "{base} minute",
    minutes: "{base} minutes",
    hour: "{base} hour",
    hours: "{base} hours",
    day: "{base} day",
    days: "{base} days",
    month: "{base} month",
    months: "{base} months",
    year: "{base} year",
    years: "{base} years",
    centuries: "centuries",
  },
};

const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, translations });

export type PasswordStrength = { score: 0 | 1 | 2 | 3 | 4; warning: string | null; suggestions: string[] };

export function checkPasswordStrength(password: string, userInputs: string[]): PasswordStrength {
  const result = zxcvbn.check(password, userInputs.filter(Boolean));
  return { score: result.score, warning: result.feedback.warning, suggestions: result.feedback.suggestions };
}
