package dev.portier.web.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+4712345678", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''+x"})
    void formulaLikeCellsGetOneMoreApostropheAndLoseItAgainOnImport(String value) {
        assertThat(CsvCells.escape(value)).isEqualTo("'" + value);
        assertThat(CsvCells.unescape(CsvCells.escape(value))).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Ada", "O'Brien", "'quoted'", "'", "a=b", "1-2", "mail@example.com"})
    void otherCellsStayAsTheyAre(String value) {
        assertThat(CsvCells.escape(value)).isEqualTo(value);
        assertThat(CsvCells.unescape(value)).isEqualTo(value);
    }
}
