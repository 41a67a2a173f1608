{#- The people and payroll key macros (norm_emp_code, norm_pay_item in macros/normalise.sql) on the forms HR and
    payroll exports write. Fails with the rows whose normalised form is not the expected one. -#}
with cases (kind, raw, expected) as (
    values
        ('emp', 'S01E0012', 'S1E12'),
        ('emp', 's01e12', 'S1E12'),
        ('emp', ' S01-E012 ', 'S1E12'),
        ('emp', 'Ｓ０１Ｅ００１２', 'S1E12'),
        ('emp', '000123', '123'),
        ('emp', 'E1020', 'E1020'),
        ('emp', 'E0', 'E0'),
        ('item', '交通补贴', '交通补贴'),
        ('item', ' 交通 补贴 ', '交通补贴'),
        ('item', '交通补贴（补发）', '交通补贴'),
        ('item', '交通补贴(3月补发)', '交通补贴'),
        ('item', '交通补贴【补发】', '交通补贴'),
        ('item', '补发交通补贴', '交通补贴'),
        ('item', '交通补贴补发', '交通补贴'),
        ('item', '通讯补贴 冲回', '通讯补贴'),
        ('item', '交通补贴红冲', '交通补贴'),
        ('item', '交通补贴-差额', '交通补贴'),
        ('item', '2026年3月交通补贴', '交通补贴'),
        ('item', '3月份交通补贴', '交通补贴'),
        ('item', '补充医疗保险费返还', '补充医疗保险费返还'),
        ('item', '补贴', '补贴'),
        ('item', '过节费（春节）', '过节费'),
        ('item', '', null)
),

normalised as (
    select
        cases.*,
        case kind
            when 'emp' then {{ norm_emp_code('raw') }}
            when 'item' then {{ norm_pay_item('raw') }}
        end as actual
    from cases
)

select * from normalised where actual is distinct from expected
