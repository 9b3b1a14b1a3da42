package dev.portier.drivers.ondemand;

/**
 * What a person types on the settings page.
 *
 * @param key the API key; blank when changing keeps the stored one
 */
public record DecisionEndpointDraft(String url, String headerName, String key) {

    @Override
    public String toString() {
        return "DecisionEndpointDraft[url=" + url + ", headerName=" + headerName + "]";
    }
}
