//! The values Stripe's error objects carry in `type` and `code`, as enums
//! that keep values this crate does not know.

use std::fmt;

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version of the crate does not know, kept as sent.
            Unrecognized(String),
        }

        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Unrecognized(other) => other,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => $name::$variant,)*
                    other => $name::Unrecognized(other.to_owned()),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

wire_enum! {
    /// The error `type` in Stripe's error body.
    ErrorType {
        /// `api_connection_error`
        ApiConnectionError = "api_connection_error",
        /// `api_error`
        ApiError = "api_error",
        /// `authentication_error`
        AuthenticationError = "authentication_error",
        /// `card_error`
        CardError = "card_error",
        /// `idempotency_error`
        IdempotencyError = "idempotency_error",
        /// `invalid_request_error`
        InvalidRequestError = "invalid_request_error",
        /// `rate_limit_error`
        RateLimitError = "rate_limit_error",
        /// `validation_error`
        ValidationError = "validation_error",
    }
}

wire_enum! {
    /// The error `code`: for card errors, why the card failed; for other
    /// errors, a short machine-readable reason.
    ErrorCode {
        /// `account_already_exists`
        AccountAlreadyExists = "account_already_exists",
        /// `account_country_invalid_address`
        AccountCountryInvalidAddress = "account_country_invalid_address",
        /// `account_invalid`
        AccountInvalid = "account_invalid",
        /// `account_number_invalid`
        AccountNumberInvalid = "account_number_invalid",
        /// `amount_too_large`
        AmountTooLarge = "amount_too_large",
        /// `amount_too_small`
        AmountTooSmall = "amount_too_small",
        /// `api_key_expired`
        ApiKeyExpired = "api_key_expired",
        /// `balance_insufficient`
        BalanceInsufficient = "balance_insufficient",
        /// `bank_account_exists`
        BankAccountExists = "bank_account_exists",
        /// `bank_account_unusable`
        BankAccountUnusable = "bank_account_unusable",
        /// `bank_account_unverified`
        BankAccountUnverified = "bank_account_unverified",
        /// `card_declined`
        CardDeclined = "card_declined",
        /// `charge_already_captured`
        ChargeAlreadyCaptured = "charge_already_captured",
        /// `charge_already_refunded`
        ChargeAlreadyRefunded = "charge_already_refunded",
        /// `charge_disputed`
        ChargeDisputed = "charge_disputed",
        /// `charge_exceeds_source_limit`
        ChargeExceedsSourceLimit = "charge_exceeds_source_limit",
        /// `charge_expired_for_capture`
        ChargeExpiredForCapture = "charge_expired_for_capture",
        /// `country_unsupported`
        CountryUnsupported = "country_unsupported",
        /// `coupon_expired`
        CouponExpired = "coupon_expired",
        /// `customer_max_subscriptions`
        CustomerMaxSubscriptions = "customer_max_subscriptions",
        /// `email_invalid`
        EmailInvalid = "email_invalid",
        /// `expired_card`
        ExpiredCard = "expired_card",
        /// `idempotency_key_in_use`
        IdempotencyKeyInUse = "idempotency_key_in_use",
        /// `incorrect_address`
        IncorrectAddress = "incorrect_address",
        /// `incorrect_cvc`
        IncorrectCvc = "incorrect_cvc",
        /// `incorrect_number`
        IncorrectNumber = "incorrect_number",
        /// `incorrect_zip`
        IncorrectZip = "incorrect_zip",
        /// `instant_payouts_unsupported`
        InstantPayoutsUnsupported = "instant_payouts_unsupported",
        /// `invalid_card_type`
        InvalidCardType = "invalid_card_type",
        /// `invalid_charge_amount`
        InvalidChargeAmount = "invalid_charge_amount",
        /// `invalid_cvc`
        InvalidCvc = "invalid_cvc",
        /// `invalid_expiry_month`
        InvalidExpiryMonth = "invalid_expiry_month",
        /// `invalid_expiry_year`
        InvalidExpiryYear = "invalid_expiry_year",
        /// `invalid_number`
        InvalidNumber = "invalid_number",
        /// `invalid_source_usage`
        InvalidSourceUsage = "invalid_source_usage",
        /// `livemode_mismatch`
        LivemodeMismatch = "livemode_mismatch",
        /// `lock_timeout`
        LockTimeout = "lock_timeout",
        /// `missing`
        Missing = "missing",
        /// `parameter_invalid_empty`
        ParameterInvalidEmpty = "parameter_invalid_empty",
        /// `parameter_invalid_integer`
        ParameterInvalidInteger = "parameter_invalid_integer",
        /// `parameter_invalid_string_blank`
        ParameterInvalidStringBlank = "parameter_invalid_string_blank",
        /// `parameter_invalid_string_empty`
        ParameterInvalidStringEmpty = "parameter_invalid_string_empty",
        /// `parameter_missing`
        ParameterMissing = "parameter_missing",
        /// `parameter_unknown`
        ParameterUnknown = "parameter_unknown",
        /// `parameters_exclusive`
        ParametersExclusive = "parameters_exclusive",
        /// `payment_method_unactivated`
        PaymentMethodUnactivated = "payment_method_unactivated",
        /// `payouts_not_allowed`
        PayoutsNotAllowed = "payouts_not_allowed",
        /// `platform_api_key_expired`
        PlatformApiKeyExpired = "platform_api_key_expired",
        /// `postal_code_invalid`
        PostalCodeInvalid = "postal_code_invalid",
        /// `processing_error`
        ProcessingError = "processing_error",
        /// `rate_limit`
        RateLimit = "rate_limit",
        /// `resource_already_exists`
        ResourceAlreadyExists = "resource_already_exists",
        /// `resource_missing`
        ResourceMissing = "resource_missing",
        /// `routing_number_invalid`
        RoutingNumberInvalid = "routing_number_invalid",
        /// `secret_key_required`
        SecretKeyRequired = "secret_key_required",
        /// `state_unsupported`
        StateUnsupported = "state_unsupported",
        /// `testmode_charges_only`
        TestmodeChargesOnly = "testmode_charges_only",
        /// `tls_version_unsupported`
        TlsVersionUnsupported = "tls_version_unsupported",
        /// `token_already_used`
        TokenAlreadyUsed = "token_already_used",
        /// `token_in_use`
        TokenInUse = "token_in_use",
        /// `transfers_not_allowed`
        TransfersNotAllowed = "transfers_not_allowed",
        /// `url_invalid`
        UrlInvalid = "url_invalid",
    }
}
