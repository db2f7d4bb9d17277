//! Worldline Direct API hosts.

/// The Worldline Direct environments ("Generic European endpoint"). The legacy Ogone platforms
/// and white labels (their test and production hosts) are [`Platform`](crate::Platform).
///
/// ```
/// use ogone::worldline::DirectHost;
/// assert_eq!(DirectHost::Test.base_url(), "https://payment.preprod.direct.worldline-solutions.com/v2/");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DirectHost {
    /// The test (pre-production) platform.
    Test,
    /// The production platform.
    Production,
}

impl DirectHost {
    /// The API base URL; append `{merchantId}/…`.
    ///
    /// ```
    /// use ogone::worldline::DirectHost;
    /// assert_eq!(DirectHost::Production.base_url(), "https://payment.direct.worldline-solutions.com/v2/");
    /// ```
    #[must_use]
    pub fn base_url(self) -> &'static str {
        match self {
            DirectHost::Test => "https://payment.preprod.direct.worldline-solutions.com/v2/",
            DirectHost::Production => "https://payment.direct.worldline-solutions.com/v2/",
        }
    }
}
