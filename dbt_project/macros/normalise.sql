{#- Key normalisation: the one place where the many ways real exports write the same thing become one key.
    Every rule that compares or looks up text uses these (through the intermediate models' *_key columns), never
    its own upper()/trim(). Tested by tests/normalise_keys.sql on the forms seen in real ERP, OA and HR exports.
    NFKC turns full-width letters, digits and spaces (ＡＢ１２　) into their plain forms. -#}

{#- Free text compared as text (names of units, suppliers, cities, item names): NFKC, trimmed, inner runs of
    whitespace collapsed to one space; empty becomes null. -#}
{% macro norm_text(expr) -%}
    nullif(btrim(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '\s+', ' ', 'g')), '')
{%- endmacro %}

{#- A code or number (invoice, contract, plate, project, approval, voucher numbers): NFKC, upper case, without
    whitespace and the separators people type into codes (- · ・ . _ / — –); empty becomes null. -#}
{% macro norm_code(expr) -%}
    nullif(upper(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '[\s\-·・.．_/—–]+', '', 'g')), '')
{%- endmacro %}

{#- A vehicle plate: 京A·12345, 京A 12345 and 京a12345 are one plate. -#}
{% macro norm_plate(expr) -%}
    {{ norm_code(expr) }}
{%- endmacro %}

{#- A bank account number: its digits only (spaces and dashes are how people group them). -#}
{% macro norm_account(expr) -%}
    nullif(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '[^0-9]', '', 'g'), '')
{%- endmacro %}

{#- A person's name: NFKC, no whitespace at all (张 三 = 张三), the middle dot of minority names in one form. -#}
{% macro norm_name(expr) -%}
    nullif(regexp_replace(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '\s+', '', 'g'),
                          '[•・．.]', '·', 'g'), '')
{%- endmacro %}

{#- An invoice: a 全电/数电 invoice (20-digit number) or one without a code is its number alone; an older invoice
    is code-number. An empty code and a null code are the same. The leading zeros a spreadsheet drops from an
    older invoice come back: a code of 11 digits is a 12-digit code (044031900111 read as 44031900111), a number
    of fewer than 8 digits is padded to 8 (00912345 read as 912345). -#}
{% macro norm_invoice(code_expr, number_expr) -%}
    {%- set code = norm_code(code_expr) -%}
    {%- set number = norm_code(number_expr) -%}
    case
        when {{ number }} is null then null
        when {{ code }} is null or length({{ number }}) = 20 then {{ number }}
        else case when {{ code }} ~ '^[0-9]{11}$' then '0' || {{ code }} else {{ code }} end
            || '-' || case when {{ number }} ~ '^[0-9]{1,7}$' then lpad({{ number }}, 8, '0') else {{ number }} end
    end
{%- endmacro %}

{#- A resident ID number as 18 characters: upper-case X, and a 15-digit (first-generation) number converted to
    18 (century 19 inserted after the area code, check digit by GB 11643). Anything else is returned as typed. -#}
{% macro norm_id_number(expr) -%}
    {%- set id = norm_code(expr) -%}
    {%- set weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] -%}
    case
        when {{ id }} ~ '^[0-9]{15}$' then
            substr({{ id }}, 1, 6) || '19' || substr({{ id }}, 7, 9) || substr('10X98765432', (
                {%- for w in weights %}
                {{ w }} * cast(substr(substr({{ id }}, 1, 6) || '19' || substr({{ id }}, 7, 9), {{ loop.index }}, 1) as integer)
                {%- if not loop.last %} +{% endif %}
                {%- endfor %}
            ) % 11 + 1, 1)
        else {{ id }}
    end
{%- endmacro %}

{#- A city as the short name of map_city_province.city: NFKC, no whitespace; a district of a municipality is
    the municipality (北京市海淀区 = 北京); a leading province (河北省石家庄市, 内蒙古自治区呼和浩特市) is dropped;
    a trailing 市 / 地区 / 盟 and a trailing note in brackets are dropped (北京市 = 北京 = "北京 " = 北京（国贸）).
    Autonomous prefectures keep their name
    (map_city_province matches their full and short names). Empty becomes null. -#}
{% macro norm_city(expr) -%}
    nullif(regexp_replace(regexp_replace(regexp_replace(
        regexp_replace(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '\s+', '', 'g'), '\(.*\)$', ''),
        '^(北京|天津|上海|重庆)市?.+[区县]$', '\1'),
        '^([^省市]{2,3}省|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区)(.+)$', '\2'),
        '(.)(市|地区|盟)$', '\1'), '')
{%- endmacro %}

{#- An employee code as two systems may write it: norm_code, and leading zeros of every run of digits dropped
    (HR's S01E0012, the payroll system's s01e12 and "S01-E012" are one code). -#}
{% macro norm_emp_code(expr) -%}
    regexp_replace({{ norm_code(expr) }}, '(^|[^0-9])0+([0-9])', '\1\2', 'g')
{%- endmacro %}

{#- A pay item name as payroll systems write it: NFKC, no whitespace or separators, bracketed remarks dropped
    (交通补贴（补发）, 交通补贴【3月】), and the marks of a back-pay or correction line at either end (补发交通补贴,
    交通补贴补发, 交通补贴差额, 2026年3月交通补贴, and a red-ink line's 交通补贴冲回 / 红冲) dropped, so the line counts
    as the item it pays or reverses. -#}
{% macro norm_pay_item(expr) -%}
    nullif(regexp_replace(regexp_replace(regexp_replace(
        regexp_replace(normalize(cast({{ expr }} as text), NFKC), '[(\[【〔][^)\]】〕]*[)\]】〕]', '', 'g'),
        '[\s\-·・._/—–:：,，、]+', '', 'g'),
        '^([0-9]{4}年)?([0-9]{1,2}月份?)?(补发|预发|调整)?(?=.)', ''),
        '(补发|补差|差额|调整|补扣|扣回|预发|冲回|冲销|红冲)$', ''), '')
{%- endmacro %}

{#- A company or organisation name (customers, tenants, suppliers compared across systems): NFKC (full-width
    letters, digits and brackets become plain), no whitespace at all, Latin letters in upper case. -#}
{% macro norm_org(expr) -%}
    nullif(upper(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '\s+', '', 'g')), '')
{%- endmacro %}

{#- A phone number: its digits only, the country code of a mobile dropped (+86 138 1234 5678, 138-1234-5678 and
    (86)13812345678 are one number); a landline keeps its area code (0571-88001234 = 057188001234). -#}
{% macro norm_phone(expr) -%}
    nullif(regexp_replace(regexp_replace(normalize(cast({{ expr }} as text), NFKC), '[^0-9]', '', 'g'),
                          '^(0086|86)(1[0-9]{10})$', '\2'), '')
{%- endmacro %}

{#- A postal address: NFKC (full-width digits), upper case, without whitespace and punctuation
    (杭州市 文三路 118号 = 杭州市文三路１１８号; 3-502室 = 3502室). Another flat or building stays another address. -#}
{% macro norm_address(expr) -%}
    nullif(upper(regexp_replace(normalize(cast({{ expr }} as text), NFKC),
                                '[\s\-·・.．_/—–,，、;；:：#()（）]+', '', 'g')), '')
{%- endmacro %}
